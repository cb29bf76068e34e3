import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCreditsApi } from '../../../plugins/credits/service.js';
import { createLedgerApi } from '../../../plugins/ledger/service.js';
import type { Database } from '../../../src/db/client.js';
import { runMigrations } from '../../../src/db/migrate.js';
import { openTestDatabase } from '../../helpers/database.js';

const folder = (id: string) => fileURLToPath(new URL(`../../../plugins/${id}/migrations`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'regis-credits-'));

/** The credits folder as it was before the move: only its first migration in the journal. */
function creditsBeforeLedger(): string {
  const dir = join(tmp, 'credits');
  cpSync(folder('credits'), dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.slice(0, 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

let database: Database;
const rows = async <T>(q: ReturnType<typeof sql>) => {
  const res = await database.db.execute(q);
  return (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as T[];
};

beforeAll(async () => {
  database = await openTestDatabase();
  const credits = { folder: creditsBeforeLedger(), table: '__drizzle_migrations_credits' };
  await runMigrations(database, [
    { folder: folder('ledger'), table: '__drizzle_migrations_ledger' },
    credits,
  ]);
  // What a database that ran the old credits plugin holds.
  await database.db.execute(sql`insert into "user" (id, name, email) values
    ('u_a', 'A', 'a@example.com'), ('u_b', 'B', 'b@example.com'), ('u_c', 'C', 'c@example.com')`);
  await database.db.execute(sql`insert into ledger_entries (id, owner_id, amount_minor, balance_after, reason, reference, created_at) values
    ('led_a1', 'u_a', 1000, 1000, 'payment', 'payment:cs_1', '2025-01-01T10:00:00Z'),
    ('led_a2', 'u_a', -300, 700, 'ai.reserve', 'ai:gen_1:reserve', '2025-01-02T10:00:00Z'),
    ('led_a3', 'u_a', 100, 800, 'ai.settle', 'ai:gen_1:settle', '2025-01-02T10:00:01Z'),
    ('led_a4', 'u_a', 5, 805, 'test "quoted"', null, '2025-01-03T10:00:00Z'),
    ('led_b1', 'u_b', 500, 500, 'giftcard', 'giftcard:gft_1', '2025-01-01T11:00:00Z')`);
  // B's stored balance disagrees with B's entries; C has a row and no entries.
  await database.db.execute(sql`insert into credit_balances (user_id, balance_minor) values
    ('u_a', 805), ('u_b', 700), ('u_c', 0)`);
  await runMigrations(database, [{ folder: folder('credits'), table: '__drizzle_migrations_credits' }]);
}, 120_000);
afterAll(async () => {
  await database?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('credits migration 0001: balances and entries move onto the ledger', () => {
  it('keeps every balance (a disagreeing one through an adjustment entry) and the books verify', async () => {
    const ledger = createLedgerApi(database.db);
    const credits = createCreditsApi(ledger, 'usd');
    expect(await credits.balance('u_a')).toBe(805);
    expect(await credits.balance('u_b')).toBe(700);
    expect(await credits.balance('u_c')).toBe(0);
    const report = await ledger.verify();
    expect(report.breaches).toEqual([]);
    expect(report.counts).toEqual({ accounts: 2 + 5, transfers: 6, entries: 12 });
  });

  it('keeps entry ids, times, reasons and references in the user’s history (GET /api/v1/ledger’s view)', async () => {
    const history = await rows<Record<string, unknown>>(
      sql`select id, amount_minor::int as amount, balance_after::int as after, reason, reference, currency, purpose
            from ledger_history where owner_id = 'u_a' order by created_at, id`,
    );
    expect(history).toEqual([
      {
        id: 'led_a1',
        amount: 1000,
        after: 1000,
        reason: 'payment',
        reference: 'payment:cs_1',
        currency: 'usd',
        purpose: 'wallet',
      },
      {
        id: 'led_a2',
        amount: -300,
        after: 700,
        reason: 'ai.reserve',
        reference: 'ai:gen_1:reserve',
        currency: 'usd',
        purpose: 'wallet',
      },
      {
        id: 'led_a3',
        amount: 100,
        after: 800,
        reason: 'ai.settle',
        reference: 'ai:gen_1:settle',
        currency: 'usd',
        purpose: 'wallet',
      },
      {
        id: 'led_a4',
        amount: 5,
        after: 805,
        reason: 'test "quoted"',
        reference: 'credits-migrated:led_a4',
        currency: 'usd',
        purpose: 'wallet',
      },
    ]);
    const b = await rows<{ reason: string; amount: number }>(
      sql`select reason, amount_minor::int as amount from ledger_history where owner_id = 'u_b' order by created_at`,
    );
    expect(b).toEqual([
      { reason: 'giftcard', amount: 500 },
      { reason: 'credits.migration-adjustment', amount: 200 },
    ]);
    const sources = await rows<{ key: string; balance: number }>(
      sql`select key, balance_minor::int as balance from ledger_accounts where owner_type = 'system' order by key`,
    );
    // Each source of credits has its own system account, named by the reason's first word.
    expect(sources).toEqual([
      { key: 'ai', balance: 200 },
      { key: 'credits', balance: -200 },
      { key: 'giftcard', balance: -500 },
      { key: 'payment', balance: -1000 },
      { key: 'test', balance: -5 },
    ]);
  });

  it('a retry of a migrated move is recognised (same fingerprint), so it is not posted again', async () => {
    const credits = createCreditsApi(createLedgerApi(database.db), 'usd');
    const again = await credits.credit('u_a', 1000, { reason: 'payment', reference: 'payment:cs_1' });
    expect(again).toMatchObject({ applied: false, balanceMinor: 805 });
    await expect(
      credits.credit('u_a', 999, { reason: 'payment', reference: 'payment:cs_1' }),
    ).rejects.toMatchObject({
      code: 'REFERENCE_CONFLICT',
    });
    await expect(credits.debit('u_a', 806, { reason: 'ai.reserve' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_CREDITS',
    });
  });

  it('drops the old tables', async () => {
    const left = await rows<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_name in ('credit_balances', 'ledger_entries')`,
    );
    expect(left).toEqual([]);
  });
});
