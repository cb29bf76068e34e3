import { median, runLoad, runSequential, type Sample, type Target } from './load.js';
import type { Scenario, SystemName } from './scenarios.js';
import type { Server } from './servers.js';

export interface Options {
  rounds: number;
  seconds: number;
  connections: number;
  /** Resolves when the database has finished what a run left behind. */
  settle?: () => Promise<void>;
}

export interface Figure {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Statements per request after warm-up; NaN when the server cannot count (PGlite). */
  sqlPerReq: number;
}

export interface ScenarioResult {
  key: string;
  label: string;
  figures: Partial<Record<SystemName, Figure | string>>;
}

const COUNTED = 40;
const WARM = 20;

/**
 * Statements per request, on a twin instance started with the counter (the instances under load run
 * without it): warm-up first (JIT, key cache), then COUNTED sequential requests.
 */
async function statementsPerRequest(counter: Server | undefined, target: Target, slow = false) {
  if (!counter) return Number.NaN;
  const counted = slow ? 5 : COUNTED;
  await runSequential(counter.url, target, slow ? 2 : WARM);
  const before = await counter.sqlCount();
  await runSequential(counter.url, target, counted);
  return ((await counter.sqlCount()) - before) / counted;
}

function summarize(samples: Sample[], sqlPerReq: number): Figure {
  return {
    rps: median(samples.map((s) => s.rps)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    non2xx: samples.reduce((a, s) => a + s.non2xx, 0),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    sqlPerReq,
  };
}

/**
 * A 1 s warm-up under load per system, then rounds that alternate which system goes first, so drift
 * on a shared machine hits both alike.
 */
export async function measure(
  scenario: Scenario,
  servers: Partial<Record<SystemName, Server>>,
  counters: Partial<Record<SystemName, Server>>,
  o: Options,
): Promise<ScenarioResult> {
  const figures: ScenarioResult['figures'] = {};
  const live: [SystemName, Server, Target][] = [];
  for (const [name, server] of Object.entries(servers) as [SystemName, Server][]) {
    const target = scenario.targets[name];
    if (typeof target === 'string') figures[name] = target;
    else {
      try {
        live.push([name, server, target]);
        await runSequential(server.url, target, scenario.slow ? 2 : WARM);
        figures[name] = summarize([], await statementsPerRequest(counters[name], target, scenario.slow));
      } catch (err) {
        live.pop();
        figures[name] = `failed: ${(err as Error).message.slice(0, 200)}`;
      }
    }
  }
  const seconds = scenario.seconds ?? o.seconds;
  const connections = scenario.connections ?? o.connections;
  const run = async (server: Server, target: Target, s: number) => {
    const sample = await runLoad(server.url, target, s, connections);
    await o.settle?.();
    return sample;
  };
  for (const [, server, target] of live) await run(server, target, 1);
  const samples = new Map<SystemName, Sample[]>(live.map(([n]) => [n, []]));
  for (let r = 0; r < o.rounds; r++) {
    const order = r % 2 ? [...live].reverse() : live;
    for (const [name, server, target] of order) samples.get(name)!.push(await run(server, target, seconds));
  }
  for (const [name] of live) {
    figures[name] = summarize(samples.get(name)!, (figures[name] as Figure).sqlPerReq);
  }
  return { key: scenario.key, label: scenario.label, figures };
}
