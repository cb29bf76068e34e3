import { z } from 'regis/plugin';

/** The ai plugin's environment, validated at start-up. Without AI_BASE_URL the offline model answers. */
export const aiConfigSchema = z
  .object({
    AI_BASE_URL: z.url().optional(),
    AI_API_KEY: z.string().min(1).optional(),
    AI_MODEL: z.string().min(1).max(200).default('gpt-4o-mini'),
    AI_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** Minor units (cents) per 1,000 generated tokens; fractions allowed, the charge is rounded up. */
    AI_PRICE_PER_1K_TOKENS: z.coerce.number().min(0).max(1_000_000).default(10),
  })
  .refine((c) => !c.AI_API_KEY || c.AI_BASE_URL, {
    path: ['AI_BASE_URL'],
    message: 'is required when AI_API_KEY is set',
  });

export type AiConfig = z.infer<typeof aiConfigSchema>;

/**
 * What `tokens` generated tokens cost, in whole minor units, rounded up. It only grows with
 * `tokens`, so the cost of what was used never passes the reservation for maxTokens.
 */
export function costOf(tokens: number, pricePer1k: number): number {
  // Scaled to integers first so 0.1-style prices do not round up on float noise.
  const scaled = Math.round(pricePer1k * 10_000) * tokens;
  return Math.ceil(scaled / 10_000_000);
}
