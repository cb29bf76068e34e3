import type { Figure, ScenarioResult } from './measure.js';
import { ratio } from './report.js';

type Check = [target: string, measured: string, met: boolean | null];

const fig = (rs: ScenarioResult[], key: string): Figure | undefined => {
  const f = rs.find((r) => r.key === key)?.figures.regis;
  return typeof f === 'object' ? f : undefined;
};
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(0)}`;
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const judge = (n: number, ok: (n: number) => boolean) => (Number.isFinite(n) ? ok(n) : null);

function ratioCheck(rs: ScenarioResult[], key: string, label: string, min: number): Check {
  const r = ratio(rs.find((x) => x.key === key));
  return [`${label} ≥ ${min}× baseline req/s`, `${f2(r)}×`, judge(r, (n) => n >= min)];
}

function scaleChecks(small: ScenarioResult[], big: ScenarioResult[]): Check[] {
  const exact = fig(big, 'list-exact')?.rps ?? Number.NaN;
  return ['list-estimated', 'list-cursor'].flatMap((key): Check[] => {
    const at1M = fig(big, key);
    const at10k = fig(small, key);
    const speedup = (at1M?.rps ?? Number.NaN) / exact;
    const growth = (at1M?.p50 ?? Number.NaN) / (at10k?.p50 ?? Number.NaN);
    return [
      [`1M: ${key} ≥ 20× exact-count LIST req/s`, `${f2(speedup)}×`, judge(speedup, (n) => n >= 20)],
      [`${key} p50 at 1M ≤ 1.5× its p50 at 10k`, `${f2(growth)}×`, judge(growth, (n) => n <= 1.5)],
    ];
  });
}

function sqlCheck(rs: ScenarioResult[], key: string, max: number): Check {
  const n = fig(rs, key)?.sqlPerReq ?? Number.NaN;
  return [`${key}: statements/request ≤ ${max}`, f2(n), judge(n, (x) => x <= max + 1e-9)];
}

/** The targets, each with the figure of this run and whether it is met. */
export function targetsTable(small: ScenarioResult[], big: ScenarioResult[]): string {
  const checks: Check[] = [
    ratioCheck(small, 'read', 'READ (10k)', 0.85),
    ratioCheck(small, 'list-exact', 'LIST exact count (10k)', 0.85),
    ratioCheck(small, 'create', 'CREATE (10k, default plugins: audit row in the same statement)', 0.8),
    ratioCheck(small, 'create-no-audit', 'CREATE (10k, audit plugin off)', 0.8),
    ...scaleChecks(small, big),
    sqlCheck(small, 'read', 1),
    sqlCheck(small, 'list-exact', 2),
    sqlCheck(small, 'list-filter', 2),
    sqlCheck(small, 'list-search', 2),
    sqlCheck(small, 'list-include', 3),
  ];
  const rows = checks.map(
    ([t, m, ok]) => `| ${t} | ${m} | ${ok === null ? 'not measurable' : ok ? 'met' : 'missed'} |`,
  );
  return ['### Targets (issue 7)', '', '| Target | This run | |', '|---|---:|---|', ...rows].join('\n');
}

/**
 * Issue 3's question: the same public READ (products, one indexed SELECT) on the same Regis server
 * with an API key (verified from the in-process cache, then the key's rate-limit bucket and scope)
 * and with no credential (the anonymous bucket), alternating round by round.
 */
export function authNote(rs: ScenarioResult[]): string {
  const pair = rs.find((r) => r.key === 'auth-cost');
  const keyed = pair?.figures.regis;
  const anon = pair?.figures.baseline;
  if (typeof keyed !== 'object' || typeof anon !== 'object') return '';
  const perReq = (rps: number) => (1000 / rps) * 1000; // µs of the server's one thread per request
  return [
    '### Authenticated READ vs unauthenticated READ (issue 3)',
    '',
    '| READ product (public entity), same server | req/s | p50 / p99 ms | SQL/req |',
    '|---|---:|---:|---:|',
    `| with an API key | ${keyed.rps.toFixed(0)} | ${keyed.p50} / ${keyed.p99} | ${keyed.sqlPerReq.toFixed(2)} |`,
    `| anonymous | ${anon.rps.toFixed(0)} | ${anon.p50} / ${anon.p99} | ${anon.sqlPerReq.toFixed(2)} |`,
    '',
    `With a key: ${f2(ratio(pair))}× the anonymous req/s (${signed(perReq(keyed.rps) - perReq(anon.rps))} µs ` +
      "per request at saturation; differences of a few percent are within this machine's noise) and the " +
      'same statements per request: the key is verified from the in-process cache, no database round trip.',
  ].join('\n');
}
