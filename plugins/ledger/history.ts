import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { coreErrors, type Queryable } from 'regis/plugin';
import { LedgerError } from './errors.js';
import { toEntry } from './read.js';
import { ledgerPostings, ledgerTransfers } from './schema.js';
import type { HistoryPage, HistoryQuery } from './types.js';

interface Position {
  at: string;
  id: string;
}

const encode = (p: Position) => Buffer.from(JSON.stringify([p.at, p.id])).toString('base64url');

/** A cursor is only a position in the owner's own entries, so it needs no signature; junk is 400. */
function decode(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)) && id.length < 100)
      return { at, id };
  } catch {}
  throw coreErrors.VALIDATION_FAILED({ details: { cursor: 'Not a cursor from a previous page' } });
}

/**
 * An owner's entries, newest first, one keyset page at a time (created_at, id): one index range of
 * ledger_postings, however long the history.
 */
export async function history(q: Queryable, query: HistoryQuery): Promise<HistoryPage> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new LedgerError(`ledger: history limit must be 1–200, got ${limit}`);
  const p = ledgerPostings;
  const where: SQL[] = [eq(p.ownerType, query.owner.type), eq(p.ownerId, query.owner.id)];
  if (query.currency) where.push(eq(p.currency, query.currency));
  if (query.purpose) where.push(eq(p.purpose, query.purpose));
  if (query.cursor) {
    const at = decode(query.cursor);
    where.push(sql`(${p.createdAt}, ${p.id}) < (${at.at}::timestamptz, ${at.id})`);
  }
  const rows = await q
    .select({
      posting: p,
      reference: ledgerTransfers.reference,
      reason: ledgerTransfers.reason,
      metadata: ledgerTransfers.metadata,
    })
    .from(p)
    .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, p.transferId))
    .where(and(...where))
    .orderBy(desc(p.createdAt), desc(p.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      ...toEntry(r.posting),
      reference: r.reference,
      reason: r.reason,
      metadata: r.metadata,
    })),
    nextCursor:
      rows.length > limit && last
        ? encode({ at: last.posting.createdAt.toISOString(), id: last.posting.id })
        : null,
  };
}
