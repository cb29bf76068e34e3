import { eq, sql } from 'drizzle-orm';
import { coreErrors, type Db, newId, type Queryable } from 'regis/plugin';
import { creditBalances, ledgerEntries } from './schema.js';

export interface MoveOptions {
  reason: string;
  /** Unique across the ledger: a second move with the same reference changes nothing. */
  reference?: string | null;
  /** Run inside the caller's transaction (the move commits or rolls back with it). */
  tx?: Queryable;
}

export interface MoveResult {
  /** false when the reference was already in the ledger (nothing changed). */
  applied: boolean;
  balanceMinor: number;
  entryId: string | null;
}

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

/** Adds `delta` to the balance row (made on first use); a debit matches only while it stays ≥ 0. */
async function moveBalance(tx: Queryable, userId: string, delta: number): Promise<number | null> {
  if (delta > 0) {
    const rows = await tx
      .insert(creditBalances)
      .values({ userId, balanceMinor: delta })
      .onConflictDoUpdate({
        target: creditBalances.userId,
        set: { balanceMinor: sql`${creditBalances.balanceMinor} + ${delta}`, updatedAt: new Date() },
      })
      .returning({ balance: creditBalances.balanceMinor });
    return rows[0]!.balance;
  }
  // One conditional statement: the row lock serialises concurrent debits, the WHERE re-checks.
  const rows = await tx
    .update(creditBalances)
    .set({ balanceMinor: sql`${creditBalances.balanceMinor} - ${-delta}`, updatedAt: new Date() })
    .where(sql`${creditBalances.userId} = ${userId} and ${creditBalances.balanceMinor} >= ${-delta}`)
    .returning({ balance: creditBalances.balanceMinor });
  return rows[0]?.balance ?? null;
}

/**
 * Balance first (its row lock orders concurrent moves of one user), then the entry. A reference
 * already in the ledger inserts nothing, and the balance change is undone in the same transaction.
 */
async function move(tx: Queryable, userId: string, delta: number, o: MoveOptions): Promise<MoveResult> {
  const balance = await moveBalance(tx, userId, delta);
  if (balance === null) throw coreErrors.INSUFFICIENT_CREDITS();
  const id = newId('led');
  const inserted = await tx
    .insert(ledgerEntries)
    .values({
      id,
      ownerId: userId,
      amountMinor: delta,
      balanceAfter: balance,
      reason: o.reason,
      reference: o.reference ?? null,
    })
    .onConflictDoNothing({ target: ledgerEntries.reference })
    .returning({ id: ledgerEntries.id });
  if (inserted.length > 0) return { applied: true, balanceMinor: balance, entryId: id };
  const [undone] = await tx
    .update(creditBalances)
    .set({ balanceMinor: sql`${creditBalances.balanceMinor} - ${delta}` })
    .where(eq(creditBalances.userId, userId))
    .returning({ balance: creditBalances.balanceMinor });
  return { applied: false, balanceMinor: undone!.balance, entryId: null };
}

export function createCreditsApi(db: Db): CreditsApi {
  const run = (o: MoveOptions, fn: (tx: Queryable) => Promise<MoveResult>) =>
    o.tx ? fn(o.tx) : db.transaction((tx) => fn(tx));
  return {
    async credit(userId, amountMinor, o) {
      checkAmount(amountMinor);
      return run(o, (tx) => move(tx, userId, amountMinor, o));
    },
    async debit(userId, amountMinor, o) {
      checkAmount(amountMinor);
      return run(o, (tx) => move(tx, userId, -amountMinor, o));
    },
    async balance(userId, o = {}) {
      const rows = await (o.tx ?? db)
        .select({ b: creditBalances.balanceMinor })
        .from(creditBalances)
        .where(eq(creditBalances.userId, userId));
      return rows[0]?.b ?? 0;
    },
  };
}
