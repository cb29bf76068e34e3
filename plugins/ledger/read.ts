import { asc, eq } from 'drizzle-orm';
import type { Queryable } from 'regis/plugin';
import { ledgerPostings, type ledgerTransfers } from './schema.js';
import type { Entry, LedgerOwner, Transfer } from './types.js';

type Row = Record<string, unknown>;

/** Rows of a raw `execute`: postgres.js answers an array, PGlite `{ rows }`. */
export function rowsOf(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** An entry from a raw row (bigint columns arrive as text from postgres.js). */
export function rawEntry(row: Row, transferId: string, createdAt: Date): Entry {
  return {
    id: String(row['id']),
    transferId,
    accountId: String(row['account_id']),
    owner: { type: row['owner_type'] as LedgerOwner['type'], id: String(row['owner_id']) },
    purpose: String(row['purpose']),
    currency: String(row['currency']),
    amountMinor: Number(row['amount_minor']),
    balanceAfterMinor: Number(row['balance_after_minor']),
    createdAt,
  };
}

type PostingRow = typeof ledgerPostings.$inferSelect;

export function toEntry(p: PostingRow): Entry {
  return {
    id: p.id,
    transferId: p.transferId,
    accountId: p.accountId,
    owner: { type: p.ownerType as LedgerOwner['type'], id: p.ownerId },
    purpose: p.purpose,
    currency: p.currency,
    amountMinor: p.amountMinor,
    balanceAfterMinor: p.balanceAfterMinor,
    createdAt: p.createdAt,
  };
}

export async function loadEntries(q: Queryable, transferId: string): Promise<Entry[]> {
  const rows = await q
    .select()
    .from(ledgerPostings)
    .where(eq(ledgerPostings.transferId, transferId))
    .orderBy(asc(ledgerPostings.id));
  return rows.map(toEntry);
}

/** A transfer row as callers see it (its fingerprint stays inside the ledger). */
export function toTransfer(row: typeof ledgerTransfers.$inferSelect, entries: Entry[]): Transfer {
  return {
    id: row.id,
    reference: row.reference,
    reason: row.reason,
    metadata: row.metadata,
    createdAt: row.createdAt,
    entries,
  };
}
