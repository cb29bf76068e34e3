import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Server {
  name: string;
  url: string;
  pid: number;
  /** Statements sent to PostgreSQL so far (only when started with countSql; over IPC). */
  sqlCount(): Promise<number>;
  /** Peak resident set size of the process so far (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready at ${url}:\n${log()}`);
}

function askCount(child: ChildProcess): Promise<number> {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('no sql-count answer')), 5000);
    child.once('message', (m: { sqlCount?: number }) => {
      clearTimeout(timer);
      res(m.sqlCount ?? Number.NaN);
    });
    child.send('sql-count');
  });
}

/**
 * Runs `node --import tsx <entry>` directly (what `npx tsx` does, minus the wrapper processes), so
 * the pid is the server itself: its RSS is the server's and the IPC channel reaches it.
 */
export async function startServer(
  name: string,
  entry: string,
  env: (port: number) => Record<string, string>,
  readyPath: string,
  nodeArgs: string[] = [],
  countSql = false,
): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    env: { ...process.env, ...env(port), PORT: String(port), REGIS_COUNT_SQL: countSql ? '1' : '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url + readyPath, child, () => output);
  const pid = child.pid ?? 0;
  return {
    name,
    url,
    pid,
    sqlCount: () => askCount(child),
    peakRssMb: () => peakRss(pid),
    stop: () =>
      new Promise((res) => {
        if (child.exitCode !== null) return res();
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          res();
        });
        child.kill('SIGTERM');
      }),
  };
}
