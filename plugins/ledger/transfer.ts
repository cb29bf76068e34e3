import { asc, eq, inArray, is, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Db, newId, type Queryable } from 'regis/plugin';
import type { AccountIds } from './accounts.js';
import { formatMinor } from './currencies.js';
import { LEDGER_ERRORS, LedgerError } from './errors.js';
import { loadEntries, rawEntry, rowsOf, toTransfer } from './read.js';
import { ledgerAccounts, ledgerPostings, ledgerTransfers } from './schema.js';
import { checkBalanced, fingerprintOf, type Line, linesOf } from './transfer-input.js';
import type { Entry, TransferInput, TransferResult } from './types.js';

interface Resolved {
  id: string;
  amountMinor: number;
}

/** A remembered account id whose row is gone (its transaction rolled back): resolve again. */
class StaleAccountId extends LedgerError {
  constructor() {
    super('ledger: a remembered account id is stale');
  }
}

async function resolve(q: Queryable, ids: AccountIds, lines: readonly Line[]) {
  const out: Resolved[] = [];
  const cached = new Set<string>();
  // One after another: statements of one transaction run in order anyway.
  for (const l of lines) {
    if (typeof l.account === 'string') out.push({ id: l.account, amountMinor: l.amountMinor });
    else {
      const r = await ids.idOf(q, l.account);
      if (r.cached) cached.add(r.id);
      out.push({ id: r.id, amountMinor: l.amountMinor });
    }
  }
  if (new Set(out.map((r) => r.id)).size !== out.length)
    throw new LedgerError('ledger: an account appears twice in one transfer');
  return { resolved: out, cached };
}

/** Row locks in id order: two transfers over the same accounts always queue, never deadlock. */
function lockAccounts(q: Queryable, ids: string[]) {
  return q
    .select({
      id: ledgerAccounts.id,
      currency: ledgerAccounts.currency,
      balanceMinor: ledgerAccounts.balanceMinor,
      creditLimitMinor: ledgerAccounts.creditLimitMinor,
    })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.id, ids))
    .orderBy(asc(ledgerAccounts.id))
    .for('update');
}

type Locked = Awaited<ReturnType<typeof lockAccounts>>[number];

function refuseShort(resolved: readonly Resolved[], locked: Map<string, Locked>) {
  for (const r of resolved) {
    const a = locked.get(r.id)!;
    const limit = a.creditLimitMinor;
    if (limit === null || a.balanceMinor + r.amountMinor >= -limit) continue;
    throw LEDGER_ERRORS.INSUFFICIENT_FUNDS({
      message: `Insufficient funds in ${a.currency}`,
      details: { account: a.id, available: formatMinor(a.balanceMinor + limit, a.currency) },
    });
  }
}

/** Adds each amount to its account and writes the entries, in one statement. */
async function applyEntries(
  q: Queryable,
  made: { id: string; createdAt: Date },
  resolved: readonly Resolved[],
): Promise<Entry[]> {
  const lines = resolved.map((r) => ({ p: newId('led'), a: r.id, m: r.amountMinor }));
  const res = await q.execute(sql`
    with d as (select * from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as d(p text, a text, m bigint)),
    u as (
      update ${ledgerAccounts} acc
         set balance_minor = acc.balance_minor + d.m, version = acc.version + 1, updated_at = now()
        from d where acc.id = d.a
      returning acc.id, acc.balance_minor, acc.version, acc.owner_type, acc.owner_id, acc.purpose, acc.currency
    )
    insert into ${ledgerPostings}
      (id, transfer_id, account_id, owner_type, owner_id, purpose, currency, amount_minor, balance_after_minor, seq)
    select d.p, ${made.id}, u.id, u.owner_type, u.owner_id, u.purpose, u.currency, d.m, u.balance_minor, u.version
      from u join d on d.a = u.id
    returning id, account_id, owner_type, owner_id, purpose, currency, amount_minor, balance_after_minor`);
  const written = new Map(rowsOf(res).map((row) => [String(row['account_id']), row]));
  if (written.size !== lines.length) throw new LedgerError('ledger: entries were not all written');
  // Same transaction, so the entries' created_at (now()) is the transfer's.
  return resolved.map((r) => rawEntry(written.get(r.id)!, made.id, made.createdAt));
}

async function replayOrConflict(q: Queryable, reference: string, fingerprint: string) {
  const [first] = await q.select().from(ledgerTransfers).where(eq(ledgerTransfers.reference, reference));
  if (!first) throw new LedgerError('ledger: reference taken but its transfer is not visible');
  if (first.fingerprint !== fingerprint)
    throw LEDGER_ERRORS.REFERENCE_CONFLICT({ details: { reference: 'Already used by another transfer' } });
  return { ...toTransfer(first, await loadEntries(q, first.id)), replayed: true };
}

async function post(q: Queryable, ids: AccountIds, input: TransferInput, lines: Line[]) {
  const { resolved, cached } = await resolve(q, ids, lines);
  const locked = new Map(
    (
      await lockAccounts(
        q,
        resolved.map((r) => r.id),
      )
    ).map((a) => [a.id, a]),
  );
  if (locked.size !== resolved.length) {
    const missing = resolved.filter((r) => !locked.has(r.id)).map((r) => r.id);
    if (missing.some((id) => cached.has(id))) {
      ids.forget(missing);
      throw new StaleAccountId();
    }
    throw new LedgerError(`ledger: no account ${missing.join(', ')}`);
  }
  checkBalanced(resolved.map((r) => ({ currency: locked.get(r.id)!.currency, amountMinor: r.amountMinor })));
  const fingerprint = fingerprintOf(input.reason, resolved);
  const id = newId('trf');
  const [made] = await q
    .insert(ledgerTransfers)
    .values({
      id,
      reference: input.reference,
      reason: input.reason,
      fingerprint,
      metadata: input.metadata ?? null,
    })
    .onConflictDoNothing({ target: ledgerTransfers.reference })
    .returning();
  if (!made) return replayOrConflict(q, input.reference, fingerprint);
  try {
    refuseShort(resolved, locked);
  } catch (err) {
    // Nothing else was written: taking the transfer row back leaves the caller's transaction clean.
    await q.delete(ledgerTransfers).where(eq(ledgerTransfers.id, id));
    throw err;
  }
  return { ...toTransfer(made, await applyEntries(q, made, resolved)), replayed: false };
}

/**
 * Posts one balanced transfer atomically (SPEC §12): in the caller's transaction when given, else
 * in its own. Accounts are locked in id order, the reference claims the transfer (a retry finds
 * it), funds are checked against each account's credit limit, then balances and entries are
 * written together. Refusals (INSUFFICIENT_FUNDS, REFERENCE_CONFLICT) leave nothing behind.
 */
export async function transfer(db: Db, ids: AccountIds, input: TransferInput): Promise<TransferResult> {
  const lines = linesOf(input);
  const run = async (q: Queryable): Promise<TransferResult> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await post(q, ids, input, lines);
      } catch (err) {
        // A remembered id went stale (forgotten by now): look the accounts up again, a few times.
        if (!(err instanceof StaleAccountId) || attempt === 3) throw err;
      }
    }
  };
  // A caller may hand over the database itself (e.g. `dbOf(c, db)` without an Idempotency-Key):
  // a transfer still needs a transaction of its own then.
  const tx = input.tx;
  return tx && is(tx, PgTransaction) ? run(tx) : (tx ?? db).transaction((t) => run(t));
}
