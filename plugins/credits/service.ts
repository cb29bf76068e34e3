import '../ledger/index.js';
import { coreErrors, isAppError, newId, type Queryable } from 'regis/plugin';
import type { AccountRef, LedgerApi } from '../ledger/index.js';

export interface MoveOptions {
  /** Why (`payment`, `giftcard`, `ai.reserve`); its first word also names the other side, see below. */
  reason: string;
  /**
   * Unique across the ledger: a retry of the same move with the same reference changes nothing
   * (`applied: false`); another move under a used reference is 409 REFERENCE_CONFLICT.
   */
  reference?: string | null;
  /** Run inside the caller's transaction (the move commits or rolls back with it). */
  tx?: Queryable;
  /**
   * The system account on the other side (default: `external` keyed by the reason's first word —
   * `payment`, `giftcard`, `ai` — so each source of credits has its own account).
   */
  counterparty?: { purpose: string; key: string };
}

export interface MoveResult {
  /** false when the reference was already in the ledger (nothing changed). */
  applied: boolean;
  balanceMinor: number;
  /** The wallet's entry of this move. */
  entryId: string | null;
}

/** The owner's balance in credits' currency: their wallet on the ledger (SPEC §9, §12). */
export interface CreditsApi {
  credit(userId: string, amountMinor: number, options: MoveOptions): Promise<MoveResult>;
  /** Refuses with 402 INSUFFICIENT_CREDITS rather than going below zero. */
  debit(userId: string, amountMinor: number, options: MoveOptions): Promise<MoveResult>;
  balance(userId: string, options?: { tx?: Queryable }): Promise<number>;
}

function checkAmount(amountMinor: number) {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new RangeError(`credits: amount must be a positive integer of minor units, got ${amountMinor}`);
  }
}

/** `payment` → payment, `ai.reserve` → ai, `test top-up` → test. */
export const sourceOf = (reason: string) => /^[a-z0-9-]+/.exec(reason.toLowerCase())?.[0] ?? 'credits';

export function createCreditsApi(ledger: LedgerApi, currency: string): CreditsApi {
  const wallet = (userId: string): AccountRef => ({
    owner: { type: 'user', id: userId },
    purpose: 'wallet',
    currency,
  });
  const other = (o: MoveOptions) => {
    const c = o.counterparty ?? { purpose: 'external', key: sourceOf(o.reason) };
    return ledger.systemAccount(c.purpose, currency, c.key);
  };
  async function move(userId: string, delta: number, o: MoveOptions): Promise<MoveResult> {
    const mine = wallet(userId);
    const done = await ledger
      .transfer({
        reference: o.reference ?? `credits:${newId('ref')}`,
        reason: o.reason,
        ...(delta > 0 ? { from: other(o), to: mine } : { from: mine, to: other(o) }),
        amountMinor: Math.abs(delta),
        tx: o.tx,
      })
      .catch((err: unknown) => {
        if (isAppError(err) && err.code === 'INSUFFICIENT_FUNDS') throw coreErrors.INSUFFICIENT_CREDITS();
        throw err;
      });
    const entry = done.entries.find((e) => e.owner.type === 'user');
    if (!done.replayed) return { applied: true, balanceMinor: entry!.balanceAfterMinor, entryId: entry!.id };
    return { applied: false, balanceMinor: await ledger.balance(mine, { tx: o.tx }), entryId: null };
  }
  return {
    async credit(userId, amountMinor, o) {
      checkAmount(amountMinor);
      return move(userId, amountMinor, o);
    },
    async debit(userId, amountMinor, o) {
      checkAmount(amountMinor);
      return move(userId, -amountMinor, o);
    },
    balance: (userId, o = {}) => ledger.balance(wallet(userId), o),
  };
}
