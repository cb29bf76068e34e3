import type { Figure, ScenarioResult } from './measure.js';

export interface Phase {
  title: string;
  results: ScenarioResult[];
  rss: Record<string, number>;
  note?: string;
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const isFig = (f: Figure | string | undefined): f is Figure => typeof f === 'object';

function cell(f: Figure | string | undefined, pick: (f: Figure) => string): string {
  if (f === undefined) return '–';
  return isFig(f) ? pick(f) : f;
}

function warn(f: Figure | string | undefined): string {
  return isFig(f) && f.non2xx + f.errors > 0 ? ` ⚠ ${f.non2xx} non-2xx, ${f.errors} errors` : '';
}

export function ratio(r: ScenarioResult | undefined): number {
  const a = r?.figures.regis;
  const b = r?.figures.baseline;
  return isFig(a) && isFig(b) ? a.rps / b.rps : Number.NaN;
}

/** One markdown table per phase: medians over the rounds, ratio = Regis req/s ÷ baseline req/s. */
export function phaseTable(p: Phase): string {
  const head = [
    `### ${p.title}`,
    '',
    '| Scenario | Regis req/s | Baseline req/s | Ratio | Regis p50 / p99 ms | Baseline p50 / p99 ms | SQL/req Regis | SQL/req baseline |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  // auth-cost compares Regis with itself; targets.ts reports it (authNote).
  const rows = p.results
    .filter((r) => r.key !== 'auth-cost')
    .map((r) => {
      const [a, b] = [r.figures.regis, r.figures.baseline];
      return `| ${r.label}${warn(a)}${warn(b)} | ${cell(a, (f) => fmt(f.rps))} | ${cell(b, (f) => fmt(f.rps))} | ${fmt(ratio(r), 2)} | ${cell(a, (f) => `${fmt(f.p50, 1)} / ${fmt(f.p99, 1)}`)} | ${cell(b, (f) => `${fmt(f.p50, 1)} / ${fmt(f.p99, 1)}`)} | ${cell(a, (f) => fmt(f.sqlPerReq, 2))} | ${cell(b, (f) => fmt(f.sqlPerReq, 2))} |`;
    });
  const rss = Object.entries(p.rss)
    .map(([k, v]) => `${k} ${fmt(v)} MB`)
    .join(', ');
  return [...head, ...rows, '', `Peak RSS (VmHWM) of each server process: ${rss}.`, p.note ?? ''].join('\n');
}

/** The PGlite pass has no baseline: absolute figures beside Regis-on-PostgreSQL of the same run. */
export function pgliteTable(p: Phase, pg: ScenarioResult[]): string {
  const head = [
    `### ${p.title}`,
    '',
    '| Scenario | Regis/PGlite req/s | p50 / p99 ms | Regis/PostgreSQL req/s (10k, same run) |',
    '|---|---:|---:|---:|',
  ];
  const rows = p.results.map((r) => {
    const a = r.figures.regis;
    const same = pg.find((x) => x.key === r.key)?.figures.regis;
    return `| ${r.label}${warn(a)} | ${cell(a, (f) => fmt(f.rps))} | ${cell(a, (f) => `${fmt(f.p50, 1)} / ${fmt(f.p99, 1)}`)} | ${cell(same, (f) => fmt(f.rps))} |`;
  });
  const rss = Object.entries(p.rss)
    .map(([k, v]) => `${k} ${fmt(v)} MB`)
    .join(', ');
  return [...head, ...rows, '', `Peak RSS: ${rss}.`, p.note ?? ''].join('\n');
}
