import { randomBytes } from 'node:crypto';
import type { SystemName } from './scenarios.js';
import { type Server, startServer } from './servers.js';

const SECRET = randomBytes(32).toString('hex');

/** Regis as deployed: production mode, real auth, the default rate limiter set high enough. */
export function regisEnv(databaseUrl: string, extra: Record<string, string> = {}) {
  return (port: number): Record<string, string> => ({
    NODE_ENV: 'production',
    AUTH_SECRET: SECRET,
    BASE_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_API_KEY: '100000000/1h',
    RATE_LIMIT_ANONYMOUS: '100000000/1h',
    ...extra,
  });
}

export interface StartOptions {
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Count statements (REGIS_COUNT_SQL=1). Never on the instances under load: the hook has a cost. */
  countSql?: boolean;
}

export function startRegis(databaseUrl: string, o: StartOptions = {}) {
  const env = regisEnv(databaseUrl, o.env);
  return startServer('regis', 'src/server.ts', env, '/api/health', o.nodeArgs, o.countSql);
}

export function startBaseline(databaseUrl: string, ownerId: string, o: StartOptions = {}) {
  const env = () => ({ DATABASE_URL: databaseUrl, BENCH_OWNER_ID: ownerId });
  return startServer('baseline', 'bench/baseline/server.ts', env, '/health', o.nodeArgs, o.countSql);
}

export async function stopAll(servers: Partial<Record<SystemName, Server>>): Promise<void> {
  await Promise.all(Object.values(servers).map((s) => s?.stop()));
}

export function rssOf(servers: Partial<Record<SystemName, Server>>): Record<string, number> {
  return Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s?.peakRssMb() ?? Number.NaN]));
}
