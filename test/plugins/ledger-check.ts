import { sql } from 'drizzle-orm';
import type { TestApp } from '../helpers/test-app.js';

/** Sum of a user's ledger entries and their balance row: equal whenever the books are consistent. */
export async function ledgerAndBalance(t: TestApp, userId: string) {
  const res = await t.database.db.execute(
    sql`select (select coalesce(sum(amount_minor), 0)::int from ledger_entries where owner_id = ${userId}) as sum,
               (select coalesce(max(balance_minor), 0)::int from credit_balances where user_id = ${userId}) as balance,
               (select count(*)::int from ledger_entries where owner_id = ${userId}) as entries`,
  );
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as {
    sum: number;
    balance: number;
    entries: number;
  }[];
  return rows[0]!;
}
