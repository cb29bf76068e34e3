/**
 * `npx tsx bench/profile.ts [scenario] [seconds] [regis|baseline]`: one server under
 * `node --cpu-prof`, 10k tasks, one bench scenario (default `read`) driven for a while, then a
 * summary of where that server's CPU went during the load. The .cpuprofile stays in the printed
 * directory (open it in Chrome DevTools).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarizeProfile } from './lib/cpu-profile.js';
import { runLoad, runSequential } from './lib/load.js';
import { createBenchDatabase, sampleIds, seedTasks } from './lib/pg.js';
import { cursorBase, type SystemName, scenarios } from './lib/scenarios.js';
import { cursorPath, detectFeatures, signUpWithKey } from './lib/setup.js';
import { startBaseline, startRegis } from './lib/systems.js';

const [key = 'read', seconds = '10', system = 'regis'] = process.argv.slice(2) as [
  string,
  string,
  SystemName,
];
const db = await createBenchDatabase();
const dir = mkdtempSync(join(tmpdir(), 'regis-profile-'));
try {
  const boot = await startRegis(db.url);
  const user = await signUpWithKey(boot.url);
  const features = await detectFeatures(boot.url, user.auth);
  await boot.stop();
  await seedTasks(db.url, user.id, 10_000);
  const ids = await sampleIds(db.url, 1000);
  const spawned = performance.now();
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  const server =
    system === 'regis'
      ? await startRegis(db.url, { nodeArgs })
      : await startBaseline(db.url, user.id, { nodeArgs });
  const cursorHeaders = system === 'regis' ? user.auth : {};
  const cursor = features.cursor
    ? await cursorPath(server.url, cursorBase(features), 50, cursorHeaders)
    : null;
  const cursorPaths = { regis: cursor, baseline: cursor };
  const list = scenarios('10k', { ids, auth: user.auth, features, cursorPaths });
  const target = list.find((s) => s.key === key)?.targets[system];
  if (!target || typeof target === 'string') throw new Error(`no ${system} scenario "${key}"`);
  await runSequential(server.url, target, 50);
  const loadFrom = performance.now() - spawned;
  const sample = await runLoad(server.url, target, Number(seconds), 50);
  await server.stop();
  console.log(`${system} ${key}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50} ms (under the profiler)`);
  console.log(summarizeProfile(dir, loadFrom));
} finally {
  await db.drop();
}
