import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'regis-start-'));
const port = 41000 + Math.floor(Math.random() * 2000);
const base = `http://127.0.0.1:${port}`;
let child: ChildProcess | undefined;
afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start` on embedded PGlite in a fresh DATA_DIR (vite's BASE_URL dropped: it is not a URL). */
async function start(): Promise<ChildProcess> {
  const { BASE_URL: _b, DATABASE_URL: _d, NODE_ENV: _n, ...env } = process.env;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 1200; i++) {
    const res = await fetch(`${base}/api/health`).catch(() => null);
    if (res?.status === 200) return proc;
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error('server did not become healthy');
}

async function stop(proc: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  proc.kill('SIGTERM');
  return exited;
}

describe('SPEC §1: npm start on PGlite keeps data across restarts; SIGTERM shuts down cleanly', () => {
  it('sign up, create a task, stop, start again: the task is still there', async () => {
    child = await start();
    const origin = { origin: base, 'content-type': 'application/json' };
    const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: origin,
      body: JSON.stringify({ email: 'persist@example.com', password: 'correct-horse-battery-9', name: 'P' }),
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const made = await fetch(`${base}/api/v1/tasks`, {
      method: 'POST',
      headers: { ...origin, cookie },
      body: JSON.stringify({ title: 'survives a restart' }),
    });
    expect(made.status).toBe(201);
    const { data } = (await made.json()) as { data: { id: string } };
    expect(await stop(child)).toBe(0);

    child = await start();
    const read = await fetch(`${base}/api/v1/tasks/${data.id}`, { headers: { cookie, origin: base } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { data: { title: string } }).data.title).toBe('survives a restart');
    expect(await stop(child)).toBe(0);
  }, 240_000);
});
