import type { Target } from './load.js';
import type { Features } from './setup.js';

export type SystemName = 'regis' | 'baseline';

export interface Scenario {
  key: string;
  label: string;
  /** A target per system, or why that system cannot run it. */
  targets: Record<SystemName, Target | string>;
  /** Overrides of the run's seconds / connections (slow scenarios). */
  seconds?: number;
  connections?: number;
  /** Seconds per request: fewer sequential warm-up and counted requests. */
  slow?: boolean;
}

export interface ScenarioInputs {
  ids: string[];
  auth: Record<string, string>;
  features: Features;
  /** Path of LIST page 50 reached through nextCursor, per system (null when unavailable). */
  cursorPaths: Record<SystemName, string | null>;
}

const LIST = '/api/v1/tasks?limit=20&sort=-createdAt';
const NOT_YET = 'not available yet';

/** The same request to both systems: Regis with its API key, the baseline with none. */
function both(key: string, label: string, t: Target, auth: Record<string, string>): Scenario {
  return { key, label, targets: { regis: { ...t, headers: { ...t.headers, ...auth } }, baseline: t } };
}

const get = (paths: string[]): Target => ({ method: 'GET', paths });

/** Query string of the cursor scenario: no total on a keyset page when Regis supports count=none. */
export const cursorBase = (f: Features) => (f.countNone ? `${LIST}&count=none` : LIST);

export function scenarios(phase: '10k' | '1M', x: ScenarioInputs): Scenario[] {
  const reads = x.ids.map((id) => `/api/v1/tasks/${id}`);
  const est: Scenario = both(
    'list-estimated',
    'LIST p1 count=estimated',
    get([`${LIST}&count=estimated`]),
    x.auth,
  );
  if (!x.features.estimated) est.targets.regis = NOT_YET;
  const cursor: Scenario = {
    key: 'list-cursor',
    label: `LIST page 50 via nextCursor${x.features.countNone ? ' (count=none)' : ''}`,
    targets: {
      regis: x.cursorPaths.regis ? { ...get([x.cursorPaths.regis]), headers: x.auth } : NOT_YET,
      baseline: x.cursorPaths.baseline ? get([x.cursorPaths.baseline]) : NOT_YET,
    },
  };
  const health: Scenario = {
    key: 'health',
    label: 'no credentials: GET /api/health (Regis) vs GET /health (baseline), both `select 1`',
    targets: { regis: get(['/api/health']), baseline: get(['/health']) },
  };
  const read = both('read', 'READ by id (API key)', get(reads), x.auth);
  const exact = both('list-exact', 'LIST p1 limit 20 -createdAt, count exact', get([LIST]), x.auth);
  if (phase === '1M') {
    // Each exact count of 1M rows is seconds of database CPU under load: with 50 connections the
    // pool (10) would queue 40 requests that finish long after the window; 10 connections give the
    // same throughput (both pools are 10) with a backlog the idle wait can drain.
    const slow = {
      ...exact,
      label: `${exact.label} (10 connections, 6 s rounds)`,
      connections: 10,
      seconds: 6,
    };
    return [read, slow, est, cursor];
  }
  const filter = encodeURIComponent(JSON.stringify({ status: 'in_progress' }));
  return [
    health,
    read,
    exact,
    est,
    cursor,
    both(
      'list-filter',
      'LIST filter status (indexed enum) + sort -priority',
      get([`/api/v1/tasks?limit=20&filter=${filter}&sort=-priority`]),
      x.auth,
    ),
    both('list-search', 'LIST search=alpha (ranked)', get(['/api/v1/tasks?limit=20&search=alpha']), x.auth),
    both('list-include', 'LIST include=assignee', get([`${LIST}&include=assignee`]), x.auth),
    both(
      'patch',
      'PATCH {status}',
      { method: 'PATCH', paths: reads, body: '{"status":"completed"}' },
      x.auth,
    ),
    both(
      'create',
      'CREATE',
      {
        method: 'POST',
        paths: ['/api/v1/tasks'],
        body: JSON.stringify({ title: 'Bench task', description: 'created by the bench', priority: 'high' }),
      },
      x.auth,
    ),
  ];
}

/**
 * Issue 3: the same public READ (products) on the same Regis server, with an API key (the "regis"
 * slot) and with no credential (the "baseline" slot), so `measure` alternates them round by round.
 */
export function authPair(productIds: string[], auth: Record<string, string>): Scenario {
  const reads = get(productIds.map((id) => `/api/v1/products/${id}`));
  return {
    key: 'auth-cost',
    label: 'READ product (public entity): with API key vs anonymous, same Regis server',
    targets: { regis: { ...reads, headers: auth }, baseline: reads },
  };
}
