import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { measure, type Options } from './measure.js';
import { seedSql } from './pg.js';
import type { Phase } from './report.js';
import { scenarios } from './scenarios.js';
import { detectFeatures, signUpWithKey } from './setup.js';
import { startRegis } from './systems.js';

const KEYS = new Set(['read', 'list-exact', 'list-estimated', 'create']);

async function seedPglite(dataDir: string, ownerId: string, n: number): Promise<string[]> {
  const db = await PGlite.create({ dataDir });
  await db.query(seedSql(n), [ownerId, ownerId]);
  await db.exec('vacuum analyze tasks');
  const ids = (await db.query<{ id: string }>('select id from tasks order by random() limit 1000')).rows;
  await db.close();
  return ids.map((r) => r.id);
}

/** Regis on embedded PGlite: boot (migrate), make a user + key, stop, seed the data dir, boot again. */
export async function pglitePass(rows: number, o: Options): Promise<Phase> {
  const dir = mkdtempSync(join(tmpdir(), 'regis-bench-pglite-'));
  const env = { DATA_DIR: dir };
  try {
    let regis = await startRegis('', { env });
    const user = await signUpWithKey(regis.url);
    await regis.stop();
    const ids = await seedPglite(join(dir, 'pglite'), user.id, rows);
    regis = await startRegis('', { env });
    try {
      const features = await detectFeatures(regis.url, user.auth);
      const list = scenarios('10k', {
        ids,
        auth: user.auth,
        features,
        cursorPaths: { regis: null, baseline: null },
      });
      const results = [];
      for (const s of list.filter((x) => KEYS.has(x.key))) results.push(await measure(s, { regis }, {}, o));
      return {
        title: `PGlite (Regis only, ${rows.toLocaleString('en')} tasks, ${o.rounds} rounds × ${o.seconds} s)`,
        results,
        rss: { regis: regis.peakRssMb() },
      };
    } finally {
      await regis.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
