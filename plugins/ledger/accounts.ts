import { and, eq } from 'drizzle-orm';
import { newId, type Queryable } from 'regis/plugin';
import { isCurrency } from './currencies.js';
import { LedgerError } from './errors.js';
import { ledgerAccounts } from './schema.js';
import type { Account, AccountOptions, AccountRef, LedgerOwner } from './types.js';

/** The outside world's side of money entering or leaving Regis (payments, deposits, revenue). */
export const SYSTEM_OWNER: LedgerOwner = Object.freeze({ type: 'system', id: 'regis' });

const PURPOSE = /^[a-z][a-z0-9_.-]{0,63}$/;
const OWNER_TYPES = new Set(['user', 'project', 'system']);

type AccountRow = typeof ledgerAccounts.$inferSelect;

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    owner: { type: row.ownerType as LedgerOwner['type'], id: row.ownerId },
    purpose: row.purpose,
    currency: row.currency,
    key: row.key,
    balanceMinor: row.balanceMinor,
    creditLimitMinor: row.creditLimitMinor,
    createdAt: row.createdAt,
  };
}

/** A ref the ledger can store, or a LedgerError saying what is wrong with it. */
export function checkRef(ref: AccountRef): Required<AccountRef> {
  const key = ref.key ?? '';
  if (!OWNER_TYPES.has(ref.owner?.type) || !ref.owner.id || ref.owner.id.length > 200)
    throw new LedgerError(`ledger: bad account owner ${JSON.stringify(ref.owner)}`);
  if (!PURPOSE.test(ref.purpose)) throw new LedgerError(`ledger: bad account purpose "${ref.purpose}"`);
  if (!isCurrency(ref.currency)) throw new LedgerError(`ledger: unknown currency "${ref.currency}"`);
  if (key.length > 200) throw new LedgerError('ledger: account key longer than 200 characters');
  return { owner: ref.owner, purpose: ref.purpose, currency: ref.currency, key };
}

const identity = (r: Required<AccountRef>) =>
  [r.owner.type, r.owner.id, r.purpose, r.currency, r.key].join('\u0000');

function limitOf(ref: AccountRef, option: AccountOptions['creditLimitMinor']): number | null {
  if (option === 'unbounded') return null;
  if (option === undefined) return ref.owner.type === 'system' ? null : 0;
  if (!Number.isSafeInteger(option) || option < 0)
    throw new LedgerError(`ledger: credit limit must be a non-negative integer, got ${option}`);
  return option;
}

async function findRow(q: Queryable, r: Required<AccountRef>): Promise<AccountRow | undefined> {
  const rows = await q
    .select()
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.ownerType, r.owner.type),
        eq(ledgerAccounts.ownerId, r.owner.id),
        eq(ledgerAccounts.purpose, r.purpose),
        eq(ledgerAccounts.currency, r.currency),
        eq(ledgerAccounts.key, r.key),
      ),
    )
    .limit(1);
  return rows[0];
}

/**
 * Finds an account by what it is, making it on first use. Concurrent first uses make one row: the
 * loser's insert does nothing (unique identity) and it reads the winner's row.
 */
export async function findOrCreate(
  q: Queryable,
  ref: AccountRef,
  options: AccountOptions = {},
): Promise<AccountRow | null> {
  return (await findOrMake(q, ref, options)).row;
}

/** The row, and whether this call inserted it (then it is not committed yet). */
async function findOrMake(
  q: Queryable,
  ref: AccountRef,
  options: AccountOptions = {},
): Promise<{ row: AccountRow | null; made: boolean }> {
  const r = checkRef({ ...ref, key: options.key ?? ref.key ?? '' });
  const found = await findRow(q, r);
  if (found || options.create === false) return { row: found ?? null, made: false };
  const inserted = await q
    .insert(ledgerAccounts)
    .values({
      id: newId('acc'),
      ownerType: r.owner.type,
      ownerId: r.owner.id,
      purpose: r.purpose,
      currency: r.currency,
      key: r.key,
      creditLimitMinor: limitOf(r, options.creditLimitMinor),
    })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { row: inserted[0], made: true };
  return { row: (await findRow(q, r)) ?? null, made: false };
}

/**
 * Account ids by identity, remembered in process: an account is never deleted and its identity
 * never changes, so a transfer to a known account costs no lookup. An account this call inserted is
 * not remembered (other transactions cannot see it before it commits); one found in a caller's
 * transaction that made it earlier and then rolled back is caught by the transfer (its lock finds
 * no row) and forgotten.
 */
export class AccountIds {
  private readonly ids = new Map<string, string>();
  constructor(private readonly max = 50_000) {}

  async idOf(q: Queryable, ref: AccountRef): Promise<{ id: string; cached: boolean }> {
    const r = checkRef(ref);
    const key = identity(r);
    const known = this.ids.get(key);
    if (known) return { id: known, cached: true };
    const { row, made } = await findOrMake(q, r);
    if (!row) throw new LedgerError('ledger: account could not be made');
    if (made) return { id: row.id, cached: false };
    if (this.ids.size >= this.max) this.ids.clear();
    this.ids.set(key, row.id);
    return { id: row.id, cached: false };
  }

  forget(ids: Iterable<string>): void {
    const drop = new Set(ids);
    for (const [k, v] of this.ids) if (drop.has(v)) this.ids.delete(k);
  }
}
