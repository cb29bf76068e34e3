import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLedgerApi } from '../../../plugins/ledger/service.js';
import { type Database, openDatabase } from '../../../src/db/client.js';
import { runMigrations } from '../../../src/db/migrate.js';

const run = promisify(execFile);
const folder = (id?: string) =>
  fileURLToPath(new URL(id ? `../../../plugins/${id}/migrations` : '../../../migrations', import.meta.url));
const cfg = inject('testDb');
const dir = mkdtempSync(join(tmpdir(), 'regis-ledger-verify-'));
const pgName = `regis_t_${cfg.kind === 'postgres' ? cfg.runId : 'x'}_verify_${process.pid}`;

/** A database the CLI can open too: a PGlite DATA_DIR, or a PostgreSQL database of its own. */
function target(): { env: Record<string, string>; open: (fresh?: boolean) => Promise<Database> } {
  if (cfg.kind === 'pglite') {
    const dataDir = join(dir, 'pglite');
    // The first open starts from the migrated template (no initdb), as test databases do.
    const open = (fresh = false) =>
      openDatabase({ dataDir, ...(fresh ? { loadDataDir: new Blob([readFileSync(cfg.dump)]) } : {}) });
    return { env: { DATA_DIR: dir }, open };
  }
  const url = new URL(cfg.adminUrl);
  url.pathname = `/${pgName}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
  };
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (cfg.kind === 'postgres') {
    const admin = postgres(cfg.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${pgName} with (force)`);
    await admin.end();
  }
});

/** `npm run regis -- ledger verify` in a child process: its exit code and output. */
async function verifyCli(env: Record<string, string>) {
  const { DATABASE_URL: _d, BASE_URL: _b, ...rest } = process.env;
  const done = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'ledger', 'verify'], {
    env: { ...rest, ...env, PLUGINS: 'ledger', LOG_LEVEL: 'silent' },
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
  );
  return done;
}

/** A few transfers, posted through the service. */
async function seedBooks(db: Database['db']) {
  const ledger = createLedgerApi(db);
  const alice = { owner: { type: 'user' as const, id: 'u_alice' }, purpose: 'wallet', currency: 'eur' };
  const bob = { ...alice, owner: { type: 'user' as const, id: 'u_bob' } };
  await ledger.transfer({
    reference: 'seed:1',
    reason: 'deposit',
    from: ledger.systemAccount('external', 'eur'),
    to: alice,
    amountMinor: 1000,
  });
  await ledger.transfer({ reference: 'seed:2', reason: 'pay', from: alice, to: bob, amountMinor: 400 });
  await ledger.transfer({ reference: 'seed:3', reason: 'pay', from: bob, to: alice, amountMinor: 100 });
  return { alice: await ledger.account(alice.owner, 'wallet', 'eur'), ledger };
}

describe('§12 regis ledger verify', () => {
  it('exits 0 on consistent books, and 1 naming each breach after rows are broken by hand', async () => {
    const where = target();
    if (cfg.kind === 'postgres') {
      const admin = postgres(cfg.adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${pgName} template ${cfg.template}`);
      await admin.end();
    }
    let database = await where.open(true);
    await runMigrations(database, [
      { folder: folder() },
      { folder: folder('ledger'), table: '__drizzle_migrations_ledger' },
    ]);
    const { alice, ledger } = await seedBooks(database.db);
    expect((await ledger.verify()).ok).toBe(true);
    await database.close();

    const good = await verifyCli(where.env);
    expect(good.out).toContain('ledger ok: 3 accounts, 3 transfers, 6 entries');
    expect(good.code).toBe(0);

    database = await where.open();
    const db = database.db;
    // A balance that no longer equals its entries, and an entry taken out of a transfer.
    await db.execute(
      sql`update ledger_accounts set balance_minor = balance_minor + 1 where id = ${alice!.id}`,
    );
    await db.execute(sql`delete from ledger_postings where id = (
      select p.id from ledger_postings p join ledger_transfers t on t.id = p.transfer_id
       where t.reference = 'seed:3' and p.amount_minor > 0)`);
    // An account below its credit limit (the table's check has to be dropped to get there).
    await db.execute(sql`alter table ledger_accounts drop constraint ledger_accounts_within_limit`);
    await db.execute(sql`update ledger_accounts set balance_minor = -5 where owner_id = 'u_bob'`);
    await database.close();

    const bad = await verifyCli(where.env);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/BREACH transfer-unbalanced trf_\w+: eur entries sum to -100, not 0/);
    expect(bad.out).toMatch(/BREACH transfer-too-few-entries trf_\w+: has 1 entries/);
    expect(bad.out).toContain(
      `BREACH balance-mismatch ${alice!.id}: balance 701 but its 2 entries sum to 600`,
    );
    expect(bad.out).toMatch(/BREACH below-credit-limit acc_\w+: balance -5 is below -0/);
    expect(bad.out).toContain('ledger BROKEN');
  }, 180_000);

  it('answers usage and exit 1 for an unknown subcommand', async () => {
    const { DATABASE_URL: _d, BASE_URL: _b, ...rest } = process.env;
    const other = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'ledger', 'fix'], {
      env: { ...rest, ...target().env, PLUGINS: 'ledger', LOG_LEVEL: 'silent' },
    }).catch((e: { code: number; stdout: string }) => e);
    expect(other).toMatchObject({ code: 1, stdout: expect.stringContaining('usage: regis ledger verify') });
    const help = await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', '--help'], {
      env: { ...rest, PLUGINS: 'ledger' },
    });
    expect(help.stdout).toMatch(/ledger verify .*\(plugin ledger\)/);
  }, 120_000);
});
