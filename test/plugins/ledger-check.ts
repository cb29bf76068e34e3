import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/test-app.js';

/**
 * A user's usd wallet on the ledger: the sum of its entries, its balance row and how many entries
 * it has. Sum and balance are equal whenever the books are consistent.
 */
export async function ledgerAndBalance(t: TestApp, userId: string) {
  const res = await t.database.db.execute(
    sql`select (select coalesce(sum(amount_minor), 0)::int from ledger_postings
                 where owner_type = 'user' and owner_id = ${userId} and purpose = 'wallet') as sum,
               (select coalesce(max(balance_minor), 0)::int from ledger_accounts
                 where owner_type = 'user' and owner_id = ${userId} and purpose = 'wallet') as balance,
               (select count(*)::int from ledger_postings
                 where owner_type = 'user' and owner_id = ${userId} and purpose = 'wallet') as entries`,
  );
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as {
    sum: number;
    balance: number;
    entries: number;
  }[];
  return rows[0]!;
}
