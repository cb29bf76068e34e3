import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { type Caller, coreErrors, type Db, type Queryable, type RawNumber, type z } from 'regis/plugin';
import { AccountIds, checkRef, findOrCreate, SYSTEM_OWNER, toAccount } from './accounts.js';
import {
  CURRENCIES,
  type Currency,
  currencySchema,
  exponentOf,
  formatMinor,
  isCurrency,
  toMajor,
  toMinor,
} from './currencies.js';
import { LedgerError } from './errors.js';
import { history } from './history.js';
import { loadEntries, toTransfer } from './read.js';
import { ledgerAccounts, ledgerTransfers } from './schema.js';
import { transfer } from './transfer.js';
import type {
  Account,
  AccountOptions,
  AccountRef,
  AccountSpec,
  HistoryPage,
  HistoryQuery,
  LedgerOwner,
  Transfer,
  TransferInput,
  TransferResult,
  TxOption,
  VerifyReport,
} from './types.js';
import { verifyLedger } from './verify.js';

/** `ctx.services.ledger`: the one double-entry ledger every money plugin posts to (SPEC §12). */
export interface LedgerApi {
  /** Known currencies and their exponents (usd 2, jpy 0, usdc 6, …). */
  readonly currencies: Readonly<Record<Currency, number>>;
  isCurrency(code: string): code is Currency;
  exponentOf(currency: string): number;
  /** zod schema of a currency field (lower-case code), for request bodies. */
  readonly currencySchema: z.ZodType<Currency>;
  /** Major units (19.99 or "19.99") → minor units, exactly; 400 VALIDATION_FAILED naming `field`. */
  toMinor(amount: number | string, currency: string, field?: string): number;
  /** Minor units → a JSON number in major units with the currency's scale (1500 usd → 15.00). */
  toMajor(minorUnits: number, currency: string): RawNumber;
  /** Minor units → the same as text ("15.00"). */
  formatMinor(minorUnits: number, currency: string): string;

  /** The owner a request's money belongs to: the calling user. */
  ownerOf(caller: Caller): LedgerOwner;
  readonly systemOwner: LedgerOwner;
  /** An outside-world account (unbounded below): where deposits come from, fees go to. */
  systemAccount(purpose: string, currency: string, key?: string): AccountRef;

  /** The account of this owner, purpose, currency (and options.key), made on first use unless create: false. */
  account(
    owner: LedgerOwner,
    purpose: string,
    currency: string,
    options?: AccountOptions,
  ): Promise<Account | null>;
  accountById(id: string, options?: TxOption): Promise<Account | null>;
  /** Every account of an owner (optionally of one purpose or currency), by purpose, currency, key. */
  accounts(
    owner: LedgerOwner,
    filter?: TxOption & { purpose?: string; currency?: string },
  ): Promise<Account[]>;
  /** Balance in minor units; 0 for an account that does not exist yet. */
  balance(account: AccountSpec, options?: TxOption): Promise<number>;
  /** Sets how far below zero an account may go ('unbounded' for none); 409 CONFLICT if already below. */
  setCreditLimit(
    account: AccountSpec,
    limitMinor: number | 'unbounded',
    options?: TxOption,
  ): Promise<Account>;

  /** Posts one balanced transfer (see TransferInput); 402 INSUFFICIENT_FUNDS, 409 REFERENCE_CONFLICT. */
  transfer(input: TransferInput): Promise<TransferResult>;
  transferByReference(reference: string, options?: TxOption): Promise<Transfer | null>;
  /** An owner's entries, newest first, cursor-paginated. */
  history(query: HistoryQuery): Promise<HistoryPage>;
  /** Checks every invariant over the database (what `regis ledger verify` prints). */
  verify(options?: TxOption): Promise<VerifyReport>;
}

async function setLimit(q: Queryable, id: string, limit: number | null): Promise<Account> {
  if (limit !== null && (!Number.isSafeInteger(limit) || limit < 0))
    throw new LedgerError(`ledger: credit limit must be a non-negative integer, got ${limit}`);
  const [row] = await q
    .update(ledgerAccounts)
    .set({ creditLimitMinor: limit, updatedAt: new Date() })
    .where(
      and(
        eq(ledgerAccounts.id, id),
        limit === null ? undefined : sql`${ledgerAccounts.balanceMinor} >= ${-limit}`,
      ),
    )
    .returning();
  if (row) return toAccount(row);
  const [exists] = await q
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.id, id));
  if (!exists) throw new LedgerError(`ledger: no account ${id}`);
  throw coreErrors.CONFLICT({
    message: 'The account is already further below zero than that limit',
    details: { creditLimit: 'Below what the account has already drawn' },
  });
}

export function createLedgerApi(db: Db): LedgerApi {
  const ids = new AccountIds();
  const on = (o?: TxOption): Queryable => o?.tx ?? db;
  const byId = async (q: Queryable, id: string) =>
    (await q.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id)))[0];
  const rowOf = async (spec: AccountSpec, q: Queryable, create: boolean) =>
    typeof spec === 'string' ? byId(q, spec) : ((await findOrCreate(q, spec, { create })) ?? undefined);

  return {
    currencies: CURRENCIES,
    isCurrency,
    exponentOf,
    currencySchema,
    toMinor,
    toMajor,
    formatMinor,
    ownerOf: (caller) => ({ type: 'user', id: caller.userId }),
    systemOwner: SYSTEM_OWNER,
    systemAccount: (purpose, currency, key = '') => checkRef({ owner: SYSTEM_OWNER, purpose, currency, key }),
    async account(owner, purpose, currency, options = {}) {
      const row = await findOrCreate(on(options), { owner, purpose, currency }, options);
      return row ? toAccount(row) : null;
    },
    async accountById(id, options) {
      const row = await byId(on(options), id);
      return row ? toAccount(row) : null;
    },
    async accounts(owner, filter = {}) {
      const where: (SQL | undefined)[] = [
        eq(ledgerAccounts.ownerType, owner.type),
        eq(ledgerAccounts.ownerId, owner.id),
      ];
      if (filter.purpose) where.push(eq(ledgerAccounts.purpose, filter.purpose));
      if (filter.currency) where.push(eq(ledgerAccounts.currency, filter.currency));
      const rows = await on(filter)
        .select()
        .from(ledgerAccounts)
        .where(and(...where))
        .orderBy(asc(ledgerAccounts.purpose), asc(ledgerAccounts.currency), asc(ledgerAccounts.key));
      return rows.map(toAccount);
    },
    async balance(spec, options) {
      return (await rowOf(spec, on(options), false))?.balanceMinor ?? 0;
    },
    async setCreditLimit(spec, limitMinor, options) {
      const q = on(options);
      const row = await rowOf(spec, q, true);
      if (!row) throw new LedgerError(`ledger: no account ${String(spec)}`);
      return setLimit(q, row.id, limitMinor === 'unbounded' ? null : limitMinor);
    },
    transfer: (input) => transfer(db, ids, input),
    async transferByReference(reference, options) {
      const q = on(options);
      const [t] = await q.select().from(ledgerTransfers).where(eq(ledgerTransfers.reference, reference));
      return t ? toTransfer(t, await loadEntries(q, t.id)) : null;
    },
    history: (query) => history(on(query), query),
    verify: (options) => verifyLedger(on(options)),
  };
}
