import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const label = (n: ProfileNode) => {
  const url = n.callFrame.url
    .replace(/^.*node_modules\//, '')
    .replace(/^file:\/\/\/.*?\/(src|bench)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};

/** Busy (non-idle) time per function after `fromMs`, self and inclusive, as shares of all busy samples. */
function aggregate(p: Profile, fromMs: number) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let busy = 0;
  let at = 0;
  p.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const dt = p.timeDeltas[i] ?? 0;
    at += dt;
    if (at < fromMs * 1000) return;
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return;
    busy += dt;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = label(byId.get(cur)!);
      if (!seen.has(k)) incl.set(k, (incl.get(k) ?? 0) + dt);
      seen.add(k);
    }
  });
  return { self, incl, busy };
}

/**
 * A text summary of the main-thread profile in `dir`: the top functions by self and inclusive time,
 * counting only samples from `fromMs` after the process started (skip boot and module loading).
 */
export function summarizeProfile(dir: string, fromMs = 0, top = 30): string {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()[0];
  if (!file) return `no profile in ${dir}`;
  const { self, incl, busy } = aggregate(
    JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile,
    fromMs,
  );
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, t]) => `${((100 * t) / busy).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return [
    `profile ${join(dir, file)}: ${(busy / 1000).toFixed(0)} ms busy`,
    '--- self time',
    list(self),
    '--- inclusive time',
    list(incl),
  ].join('\n');
}
