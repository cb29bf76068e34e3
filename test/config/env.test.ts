import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../src/config/env.js';

/** The parent environment without what vitest/vite add (BASE_URL="/" would fail validation). */
const cleanEnv = (): NodeJS.ProcessEnv => {
  const { BASE_URL: _b, MODE: _m, DEV: _d, PROD: _p, SSR: _s, ...rest } = process.env;
  return rest;
};

const message = (source: Record<string, string>) => {
  try {
    loadEnv(source);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected loadEnv to throw');
};

describe('SPEC §1: configuration is validated at start-up', () => {
  it('defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      RATE_LIMIT_API_KEY: '1000/1h',
      RATE_LIMIT_SESSION: '100/1h',
      BODY_LIMIT: 1024 * 1024,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
    ['RATE_LIMIT_API_KEY', 'lots'],
    ['REDIS_URL', 'http://x'],
    ['BODY_LIMIT', 'big'],
    ['AUTH_SECRET', 'short'],
  ])('a bad %s is one line naming it', (name, value) => {
    const text = message({ [name]: value });
    expect(text).toContain(name);
    expect(text).not.toContain('\n');
  });

  it('AUTH_SECRET is required in production, not in development', () => {
    expect(message({ NODE_ENV: 'production' })).toMatch(/AUTH_SECRET/);
    expect(loadEnv({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) }).NODE_ENV).toBe('production');
    expect(loadEnv({ NODE_ENV: 'development' }).AUTH_SECRET).toBeUndefined();
  });

  it('npm start with a bad PORT stops with one line on stderr naming it', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...cleanEnv(), PORT: 'nope', DATABASE_URL: '', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
  }, 60_000);
});
