import {
  COMMON_ERRORS,
  callerWith,
  createRoute,
  type Db,
  dataOf,
  errorResponse,
  IDEMPOTENCY_CONFLICT,
  idempotency,
  idempotencyHeader,
  ok,
  type PluginApp,
  requestLogger,
  SECURITY,
  z,
} from 'regis/plugin';
import { type BillingDeps, billedGenerate } from './billing.js';

const GenerateBody = z
  .object({
    prompt: z
      .string()
      .min(1, 'Must not be empty')
      .max(8000, 'Must be at most 8000 characters')
      .refine((s) => s.trim().length > 0, 'Must not be blank'),
    maxTokens: z.number().int('Must be an integer').min(1).max(4000).default(100),
    temperature: z.number().min(0).max(1).default(0.7),
  })
  .strict()
  .openapi('AiGenerateRequest');

const GenerateResultSchema = z
  .object({
    text: z.string(),
    tokensUsed: z.number().int().openapi({ description: 'Generated tokens; what is billed' }),
    model: z.string(),
  })
  .openapi('AiGenerateResult');

/** POST /api/v1/ai/generate (SPEC §9 ai): billed in credits before the answer returns. */
export function mountAiRoutes(app: PluginApp, deps: BillingDeps & { db: Db }): void {
  const route = createRoute({
    // Seed 003 documents this call without Idempotency-Key, so the key is optional (SPEC §8); with
    // one, a retry never charges twice. No transaction is held open across the model call (claim mode).
    middleware: [idempotency({ db: deps.db, mode: 'claim' })],
    method: 'post',
    path: '/api/v1/ai/generate',
    tags: ['AI'],
    security: SECURITY,
    operationId: 'aiGenerate',
    summary: 'Generate text (the maximum cost is reserved first; unused credit comes back)',
    description:
      'Send an Idempotency-Key when you may retry: a retry with the same key replays the first answer ' +
      'and is charged once. Without the key every request generates (and is charged) anew.',
    request: {
      headers: idempotencyHeader(false),
      body: { required: true, content: { 'application/json': { schema: GenerateBody } } },
    },
    responses: {
      200: {
        description: 'Generated',
        content: { 'application/json': { schema: dataOf(GenerateResultSchema) } },
      },
      400: errorResponse('Invalid prompt, maxTokens or temperature (VALIDATION_FAILED)'),
      402: errorResponse('The balance cannot cover maxTokens; nothing charged (INSUFFICIENT_CREDITS)'),
      409: IDEMPOTENCY_CONFLICT,
      502: errorResponse('The model failed; nothing charged (AI_PROVIDER_ERROR)'),
      503: errorResponse('The model is unavailable or timed out; nothing charged (SERVICE_UNAVAILABLE)'),
      ...COMMON_ERRORS,
    },
  });
  app.openapi(route, async (c) => {
    const caller = callerWith(c, 'write');
    const result = await billedGenerate(
      { ...deps, logger: requestLogger(c) ?? deps.logger },
      caller.userId,
      c.req.valid('json'),
    );
    return ok(c, result);
  });
}
