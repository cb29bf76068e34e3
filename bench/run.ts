/**
 * `npm run bench`: Regis against a hand-written baseline (bench/baseline) on one throwaway
 * PostgreSQL database, at 10k and 1M tasks, then a smaller Regis-on-PGlite pass. Writes
 * bench/results/<date>.md and prints it. Not part of `npm test` or CI. See bench/README.md.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { measure, type Options, type ScenarioResult } from './lib/measure.js';
import {
  type BenchDatabase,
  createBenchDatabase,
  idleWaiter,
  sampleIds,
  seedProducts,
  seedTasks,
} from './lib/pg.js';
import { pglitePass } from './lib/pglite.js';
import { type Phase, pgliteTable, phaseTable } from './lib/report.js';
import { authPair, cursorBase, type Scenario, type SystemName, scenarios } from './lib/scenarios.js';
import type { Server } from './lib/servers.js';
import { type BenchUser, cursorPath, detectFeatures, type Features, signUpWithKey } from './lib/setup.js';
import { rssOf, startBaseline, startRegis, stopAll } from './lib/systems.js';
import { authNote, targetsTable } from './lib/targets.js';

const num = (name: string, d: number) => Number(process.env[name] ?? d);
const opts: Options = {
  rounds: num('BENCH_ROUNDS', 3),
  seconds: num('BENCH_SECONDS', 3),
  connections: num('BENCH_CONNECTIONS', 50),
};
const SMALL = num('BENCH_ROWS', 10_000);
const LARGE = num('BENCH_ROWS_LARGE', 1_000_000);
const PGLITE_ROWS = num('BENCH_PGLITE_ROWS', 10_000);
/** BENCH_ONLY=read,list-exact runs just those scenarios (for iterating on one overhead). */
const ONLY = process.env['BENCH_ONLY']?.split(',');
const started = performance.now();
/** The day the run started (UTC): names the results file and titles it. */
const DAY = new Date().toISOString().slice(0, 10);
const log = (msg: string) =>
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${msg}`);

async function cursorPaths(servers: Record<SystemName, Server>, auth: Record<string, string>, f: Features) {
  const page50 = (s: Server, h: Record<string, string>) => cursorPath(s.url, cursorBase(f), 50, h);
  return {
    regis: f.cursor ? await page50(servers.regis, auth) : null,
    baseline: await page50(servers.baseline, {}),
  };
}

async function pgPhase(
  phase: '10k' | '1M',
  rows: number,
  db: BenchDatabase,
  user: BenchUser,
): Promise<Phase> {
  const seedMs = await seedTasks(db.url, user.id, rows);
  log(`${phase}: seeded ${rows} tasks in ${seedMs} ms`);
  const ids = await sampleIds(db.url, 1000);
  const servers = { regis: await startRegis(db.url), baseline: await startBaseline(db.url, user.id) };
  const counters = {
    regis: await startRegis(db.url, { countSql: true }),
    baseline: await startBaseline(db.url, user.id, { countSql: true }),
  };
  try {
    const features = await detectFeatures(servers.regis.url, user.auth);
    log(`${phase}: Regis features ${JSON.stringify(features)}`);
    const paths = await cursorPaths(servers, user.auth, features);
    const results: ScenarioResult[] = [];
    const all = scenarios(phase, { ids, auth: user.auth, features, cursorPaths: paths });
    for (const s of all.filter((x) => !ONLY || ONLY.includes(x.key))) {
      const r = await measure(s, servers, counters, { ...opts, settle: idleWaiter(db.url) });
      results.push(r);
      log(`${phase} ${s.key}: ${JSON.stringify(r.figures)}`);
    }
    if (phase === '10k') results.push(...(await withoutAudit(db, all, servers.baseline, counters.baseline)));
    if (phase === '10k' && (!ONLY || ONLY.includes('auth-cost'))) {
      // Both slots on Regis: with a key, then anonymous, alternating round by round.
      const products = await seedProducts(db.url, user.id, 1000);
      const same = { regis: servers.regis, baseline: servers.regis };
      const twins = { regis: counters.regis, baseline: counters.regis };
      const r = await measure(authPair(products, user.auth), same, twins, {
        ...opts,
        settle: idleWaiter(db.url),
      });
      results.push(r);
      log(`${phase} auth-cost: ${JSON.stringify(r.figures)}`);
    }
    const title = `PostgreSQL, ${rows.toLocaleString('en')} tasks (${opts.rounds} rounds × ${opts.seconds} s × ${opts.connections} connections per system)`;
    return { title, results, rss: rssOf(servers), note: `Seeded in ${(seedMs / 1000).toFixed(1)} s.` };
  } finally {
    await stopAll(servers);
    await stopAll(counters);
  }
}

/** Shipped plugins minus audit: an app that does not audit. */
const NO_AUDIT = { PLUGINS: 'credits,payments,giftcards,ai' };

/**
 * CREATE and PATCH again on a Regis without the audit plugin (which by default adds an audit row to
 * each write's statement), so the table separates the framework's overhead from auditing's.
 */
async function withoutAudit(db: BenchDatabase, all: Scenario[], baseline: Server, baselineCounter: Server) {
  const writes = all.filter(
    (s) => (s.key === 'create' || s.key === 'patch') && (!ONLY || ONLY.includes(s.key)),
  );
  if (writes.length === 0) return [];
  const regis = await startRegis(db.url, { env: NO_AUDIT });
  const counter = await startRegis(db.url, { env: NO_AUDIT, countSql: true });
  try {
    const out: ScenarioResult[] = [];
    for (const s of writes) {
      const r = await measure(
        { ...s, key: `${s.key}-no-audit`, label: `${s.label} (audit plugin off)` },
        { regis, baseline },
        { regis: counter, baseline: baselineCounter },
        { ...opts, settle: idleWaiter(db.url) },
      );
      out.push(r);
      log(`10k ${r.key}: ${JSON.stringify(r.figures)}`);
    }
    return out;
  } finally {
    await Promise.all([regis.stop(), counter.stop()]);
  }
}

function header(): string {
  const sh = (cmd: string) => execSync(cmd, { encoding: 'utf8' }).trim();
  const overrides = Object.entries(process.env)
    .filter(([k]) => k.startsWith('BENCH_'))
    .map(([k, v]) => `${k}=${v} `)
    .join('');
  return [
    `# Regis benchmark, ${DAY}`,
    '',
    `Command: \`${overrides}npm run bench\` (git ${sh('git rev-parse --short HEAD')}${sh('git status --porcelain src entities') ? ', with uncommitted changes in src/' : ''})`,
    '',
    `Machine: ${cpus().length} cores, Node ${process.version}, load average at start ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}. ` +
      'The machine is shared and noisy: compare ratios (both systems measured alternately in the same minute), not absolute req/s.',
  ].join('\n');
}

const NOTES = `### What is compared
- Regis: \`src/server.ts\` as deployed (NODE_ENV=production, LOG_LEVEL=warn), every request to
  \`/api/v1\` with a real API key, the default in-memory rate limiter (limit 100000000/1h so it never
  refuses), validation, envelope, ETag, pagination headers and links.
- Baseline: \`bench/baseline/\`, plain Hono + @hono/node-server + postgres.js (pool 10, like Regis),
  no auth, the same table, rows and JSON shape; it runs the same SQL shapes (same owner predicate,
  page + count in parallel, keyset for the cursor, an EXPLAIN estimate for count=estimated,
  one \`= any\` query for include). Its cursor is unsigned; Regis's is signed.
- Statements per request are counted on a twin instance of each system (postgres.js \`debug\` hook),
  never on the instances under load.`;

async function main() {
  const head = header();
  const db = await createBenchDatabase();
  const phases: Phase[] = [];
  try {
    const boot = await startRegis(db.url);
    const user = await signUpWithKey(boot.url);
    await boot.stop();
    phases.push(await pgPhase('10k', SMALL, db, user));
    if (LARGE > 0) phases.push(await pgPhase('1M', LARGE, db, user));
  } finally {
    await db.drop();
  }
  const pglite = PGLITE_ROWS > 0 ? await pglitePass(PGLITE_ROWS, { ...opts, rounds: 2 }) : undefined;
  const small = phases[0]?.results ?? [];
  const md = [
    head,
    '',
    ...phases.map(phaseTable),
    ...(pglite ? [pgliteTable(pglite, small)] : []),
    targetsTable(small, phases[1]?.results ?? []),
    authNote(small),
    NOTES,
    '',
    `Load average at end ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}; total wall time ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    '',
  ].join('\n\n');
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${DAY}.md`;
  writeFileSync(file, md);
  console.log(md);
  log(`wrote ${file}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
