import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** The parent environment without what vitest/vite add (BASE_URL="/" would fail validation). */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...rest } = process.env;
  return rest;
};

describe('SPEC §1: regis routes prints the route table', () => {
  it('one line per entity with its methods', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'routes'], {
      env: { ...cleanEnv(), LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    for (const name of ['tasks', 'comments', 'customers', 'orders', 'products', 'users']) {
      expect(
        lines.some((l) => l.includes(`/api/v1/${name}[/{id}]`)),
        name,
      ).toBe(true);
    }
    expect(lines.find((l) => l.includes('/api/v1/tasks['))).toMatch(/GET,POST,PATCH,DELETE,OPTIONS/);
    expect(lines.find((l) => l.includes('/api/v1/users['))).toMatch(/^GET,OPTIONS\s/);
  }, 60_000);

  it('an unknown command prints the help and exits 1', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'frobnicate'], {
      env: { ...cleanEnv(), LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/migrate/);
  }, 60_000);
});
