import type { Logger } from 'pino';
import { type AppError, coreErrors, newId } from 'regis/plugin';
import { costOf } from './config.js';
import { AI_ERRORS } from './errors.js';
import { type AiProvider, AiProviderError, type GenerateRequest, type GenerateResult } from './provider.js';

type LedgerMove = (
  userId: string,
  amountMinor: number,
  options: { reason: string; reference: string },
) => Promise<unknown>;

/** The slice of the credits ledger this plugin uses. `debit` refuses to go below zero. */
export interface AiLedger {
  debit: LedgerMove;
  credit: LedgerMove;
}

export interface BillingDeps {
  provider: AiProvider;
  ledger: AiLedger;
  pricePer1k: number;
  logger: Logger;
}

function providerFailure(err: unknown): AppError {
  if (err instanceof AiProviderError && err.kind === 'unavailable') {
    return coreErrors.SERVICE_UNAVAILABLE({
      message: 'The model is unavailable; nothing was charged',
      cause: err,
    });
  }
  return AI_ERRORS.AI_PROVIDER_ERROR({ cause: err });
}

/**
 * Reserve, call, settle. The most the call can cost (maxTokens at the price, rounded up) is debited
 * before the model runs, so concurrent generations cannot overdraw: one that cannot reserve is 402
 * and charged nothing. Afterwards the unused part is credited back; a failed call is refunded in
 * full. Each movement has its own ledger reference under one generation id, so none repeats.
 */
export async function billedGenerate(
  deps: BillingDeps,
  userId: string,
  req: GenerateRequest,
): Promise<GenerateResult> {
  const id = newId('gen');
  const reserved = costOf(req.maxTokens, deps.pricePer1k);
  const move = (fn: LedgerMove, amount: number, step: string) =>
    amount > 0 ? fn(userId, amount, { reason: `ai.${step}`, reference: `ai:${id}:${step}` }) : undefined;
  await move(deps.ledger.debit, reserved, 'reserve');
  let result: GenerateResult;
  try {
    result = await deps.provider.generate(req);
  } catch (err) {
    await safely(deps, () => move(deps.ledger.credit, reserved, 'refund'), { id, userId, owed: reserved });
    deps.logger.warn({ err, generation: id, provider: deps.provider.name }, 'ai generation failed; refunded');
    throw providerFailure(err);
  }
  const tokensUsed = Math.min(result.tokensUsed, req.maxTokens);
  const cost = costOf(tokensUsed, deps.pricePer1k);
  await safely(deps, () => move(deps.ledger.credit, reserved - cost, 'settle'), {
    id,
    userId,
    owed: reserved - cost,
  });
  return { ...result, tokensUsed };
}

/**
 * A give-back (refund or settlement) that itself fails must not turn into a second failure for the
 * caller: it is logged loudly with what is owed, and the original outcome stands.
 */
async function safely(
  deps: BillingDeps,
  run: () => Promise<unknown> | undefined,
  context: { id: string; userId: string; owed: number },
): Promise<void> {
  try {
    await run();
  } catch (err) {
    deps.logger.error({ err, ...context }, 'ai give-back failed: credit the amount owed by hand');
  }
}
