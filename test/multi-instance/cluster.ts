import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import postgres from 'postgres';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { createAuth } from '../../src/auth/index.js';
import { loadRegistry, projectPaths } from '../../src/boot.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logger.js';
import { createLimiterStore } from '../../src/ratelimit/index.js';
import { openTestDatabase } from '../helpers/database.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const ORIGIN = 'http://localhost';
const SECRET = 'multi-instance-test-secret-0123456789abcdef';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}
export interface Cluster {
  /** `processes` on PostgreSQL (real `tsx src/server.ts` children), `in-process` apps over one PGlite. */
  mode: 'processes' | 'in-process';
  size: number;
  call(
    i: number,
    path: string,
    init?: { method?: string; headers?: Record<string, string>; json?: unknown },
  ): Promise<Answer>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  size: number;
  store: 'postgres' | 'redis';
  env: Record<string, string>;
}

const nodeEnv = (o: ClusterOptions, prefix: string): Record<string, string> => ({
  NODE_ENV: 'test',
  AUTH_SECRET: SECRET,
  TRUSTED_ORIGINS: ORIGIN,
  RATE_LIMIT_STORE: o.store,
  RATE_LIMIT_PREFIX: prefix,
  ...(o.store === 'redis' ? { REDIS_URL } : {}),
  ...o.env,
});

async function toAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, body };
}

function requestInit(init: Parameters<Cluster['call']>[2] = {}): RequestInit {
  const headers: Record<string, string> = { ...init.headers };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  };
}

/** Several apps over one database object (PGlite cannot be opened by two processes). */
async function inProcess(o: ClusterOptions, prefix: string): Promise<Cluster> {
  const database = await openTestDatabase();
  const registry = await loadRegistry(projectPaths());
  const logger = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
  const nodes = await Promise.all(
    Array.from({ length: o.size }, async () => {
      const env = loadEnv(nodeEnv(o, prefix));
      const auth = await createAuth({ env, database, logger });
      const limiter = createLimiterStore(env, database.db);
      return { app: createApp({ env, database, registry, logger, auth, limiter }), auth, limiter };
    }),
  );
  return {
    mode: 'in-process',
    size: o.size,
    call: async (i, path, init) =>
      toAnswer(await nodes[i]!.app.request(`${ORIGIN}${path}`, requestInit(init))),
    async close() {
      for (const n of nodes) await Promise.all([n.auth.close(), n.limiter.close()]);
      await database.close();
    },
  };
}

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    // Not process.env: vitest sets BASE_URL=/ and other variables a server must not inherit.
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`child did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.stderr!.on('data', (chunk) => {
      out += String(chunk);
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${out}`)));
  });
}

/** Real processes on random ports over a throwaway PostgreSQL database made from the test template. */
async function processes(o: ClusterOptions, prefix: string): Promise<Cluster> {
  const cfg = inject('testDb');
  if (cfg.kind !== 'postgres') throw new Error('processes need PostgreSQL');
  const name = `regis_mi_${cfg.runId}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(cfg.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${cfg.template}`);
  const url = new URL(cfg.adminUrl);
  url.pathname = `/${name}`;
  const env = { ...nodeEnv(o, prefix), DATABASE_URL: url.toString() };
  // The first node runs the migrations (plugins' too) alone; the others then start side by side.
  const first = await startChild(env);
  const rest = await Promise.all(Array.from({ length: o.size - 1 }, () => startChild(env)));
  const nodes = [first, ...rest];
  return {
    mode: 'processes',
    size: o.size,
    call: async (i, path, init) =>
      toAnswer(await fetch(`http://127.0.0.1:${nodes[i]!.port}${path}`, requestInit(init))),
    async close() {
      await Promise.all(
        nodes.map(
          ({ child }) =>
            new Promise<void>((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        ),
      );
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const prefix = `mi-${randomBytes(6).toString('hex')}:`;
  return inject('testDb').kind === 'postgres' ? processes(o, prefix) : inProcess(o, prefix);
}

/** Signs up on node 0 and returns the session headers and user id. */
export async function signUp(cluster: Cluster) {
  const email = `mi_${randomBytes(4).toString('hex')}@example.com`;
  const call = (path: string, json: unknown) =>
    cluster.call(0, path, { method: 'POST', headers: { origin: ORIGIN }, json });
  const res = await call('/api/auth/sign-up/email', {
    email,
    password: 'correct-horse-battery-9',
    name: 'MI',
  });
  if (res.status !== 200) throw new Error(`sign-up failed ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { id: res.body.user.id as string, session: { cookie, origin: ORIGIN } };
}
