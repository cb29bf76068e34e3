import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  jsonb,
  pgTable,
  pgView,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
/** Minor units: bigint in SQL, a JS number in code (amounts are checked to be safe integers). */
const minor = (name: string) => bigint(name, { mode: 'number' });

/**
 * One account per owner, purpose, currency and key (the key tells apart several accounts of the
 * same kind, e.g. one per card). `balance_minor` is the sum of the account's entries, updated in the
 * transaction that posts them; the checks make an overdraft fail loudly even if code forgot to ask.
 * `credit_limit_minor` null means unbounded (system accounts: the outside world).
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: text('id').primaryKey(),
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    purpose: text('purpose').notNull(),
    currency: text('currency').notNull(),
    key: text('key').notNull().default(''),
    balanceMinor: minor('balance_minor').notNull().default(0),
    creditLimitMinor: minor('credit_limit_minor').default(0),
    /** Entries posted so far: each entry takes the next number, so an account's entries are ordered. */
    version: minor('version').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_accounts_identity_unique').on(t.ownerType, t.ownerId, t.purpose, t.currency, t.key),
    check('ledger_accounts_owner_type', sql`${t.ownerType} in ('user', 'project', 'system')`),
    check('ledger_accounts_credit_limit', sql`${t.creditLimitMinor} is null or ${t.creditLimitMinor} >= 0`),
    check(
      'ledger_accounts_within_limit',
      sql`${t.creditLimitMinor} is null or ${t.balanceMinor} >= -${t.creditLimitMinor}`,
    ),
  ],
);

/** One balanced movement; its reference is unique, so a retry finds it instead of posting again. */
export const ledgerTransfers = pgTable(
  'ledger_transfers',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull(),
    reason: text('reason').notNull(),
    /** Hash of reason and entries: a retry must carry the same body (else REFERENCE_CONFLICT). */
    fingerprint: text('fingerprint').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('ledger_transfers_reference_unique').on(t.reference),
    index('ledger_transfers_created_at_idx').on(t.createdAt, t.id),
  ],
);

/**
 * The entries (postings) of transfers, append-only. Owner, purpose and currency are copied from the
 * account (they never change) so that an owner's history is one index range.
 */
export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    id: text('id').primaryKey(),
    transferId: text('transfer_id')
      .notNull()
      .references(() => ledgerTransfers.id),
    accountId: text('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    purpose: text('purpose').notNull(),
    currency: text('currency').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    balanceAfterMinor: minor('balance_after_minor').notNull(),
    /** The account's version this entry made: 1, 2, 3… per account, in the order they were posted. */
    seq: minor('seq').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_postings_account_seq_unique').on(t.accountId, t.seq),
    index('ledger_postings_owner_created_idx').on(t.ownerType, t.ownerId, t.createdAt, t.id),
    index('ledger_postings_transfer_idx').on(t.transferId),
    check('ledger_postings_nonzero', sql`${t.amountMinor} <> 0`),
  ],
);

/**
 * Users' entries with their transfer's reason and reference: what the read-only `ledger` entity
 * (GET /api/v1/ledger) lists, each caller seeing their own (owner_id is the user).
 */
export const ledgerHistory = pgView('ledger_history').as((qb) =>
  qb
    .select({
      id: ledgerPostings.id,
      ownerId: ledgerPostings.ownerId,
      amountMinor: ledgerPostings.amountMinor,
      balanceAfter: sql<number>`${ledgerPostings.balanceAfterMinor}`.as('balance_after'),
      currency: ledgerPostings.currency,
      purpose: ledgerPostings.purpose,
      transferId: ledgerPostings.transferId,
      reason: ledgerTransfers.reason,
      reference: ledgerTransfers.reference,
      createdAt: ledgerPostings.createdAt,
      updatedAt: sql<Date>`${ledgerPostings.createdAt}`.as('updated_at'),
      // The row version the generated READ answers as its ETag (a view has no xmin of its own).
      xmin: sql<string>`${ledgerPostings}.xmin`.as('xmin'),
    })
    .from(ledgerPostings)
    .innerJoin(ledgerTransfers, sql`${ledgerTransfers.id} = ${ledgerPostings.transferId}`)
    .where(sql`${ledgerPostings.ownerType} = 'user'`),
);

export const ledgerSchema = { ledgerAccounts, ledgerTransfers, ledgerPostings, ledgerHistory };
