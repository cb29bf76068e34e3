import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationSets, projectPaths } from '../../src/boot.js';
import { openDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';

const root = mkdtempSync(join(tmpdir(), 'regis-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('SPEC §1: PGlite persists in DATA_DIR across restarts', () => {
  it('data written before close is there after reopening the same directory', async () => {
    const dataDir = join(root, 'nested', 'pglite'); // parent does not exist yet
    const first = await openDatabase({ dataDir });
    await runMigrations(first, migrationSets(projectPaths()));
    await first.db.execute(sql`insert into "user" (id, name, email, email_verified, created_at, updated_at)
      values ('usr_persist', 'P', 'p@x.io', false, now(), now())`);
    await first.close();

    const second = await openDatabase({ dataDir });
    await runMigrations(second, migrationSets(projectPaths())); // a restart re-runs it: a no-op
    const rows = await second.db.execute(sql`select email from "user" where id = 'usr_persist'`);
    expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ email: 'p@x.io' }]);
    await second.close();
  }, 120_000);
});
