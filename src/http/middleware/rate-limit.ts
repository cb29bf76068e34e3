import type { Context, MiddlewareHandler } from 'hono';
import type { Caller } from '../../access/caller.js';
import type { Env } from '../../config/env.js';
import { AppError } from '../../errors/app-error.js';
import { bucketsFor } from '../../ratelimit/buckets.js';
import { type LimiterStore, windowMs } from '../../ratelimit/index.js';
import type { Registry } from '../../registry/registry.js';
import { setAnswerHeader } from '../answer-headers.js';
import type { AppEnv } from '../types.js';
import type { Authenticator } from './caller.js';

export interface RateLimitDeps {
  env: Env;
  store: LimiterStore;
  registry: Registry;
}

/**
 * Counts the request against every bucket that applies, sets X-RateLimit-* of the tightest one
 * (least remaining) and throws 429 before any handler runs when one bucket is over its limit.
 */
export async function limitRequest(c: Context<AppEnv>, caller: Caller | null, deps: RateLimitDeps) {
  const buckets = bucketsFor(c, caller, deps.env, deps.registry);
  const hits = await Promise.all(
    buckets.map(async (b) => ({ b, hit: await deps.store.hit(b.key, windowMs(b.window)) })),
  );
  const tightest = hits.reduce((a, x) => (x.b.limit - x.hit.count < a.b.limit - a.hit.count ? x : a));
  const { b, hit } = tightest;
  const reset = Math.ceil(hit.resetAt / 1000);
  setAnswerHeader(c, 'X-RateLimit-Limit', String(b.limit));
  setAnswerHeader(c, 'X-RateLimit-Remaining', String(Math.max(0, b.limit - hit.count)));
  setAnswerHeader(c, 'X-RateLimit-Reset', String(reset));
  if (hit.count > b.limit) {
    const retry = Math.max(1, reset - Math.floor(Date.now() / 1000));
    throw AppError.of('RATE_LIMIT_EXCEEDED', {
      message: `Rate limit of ${b.limit} per ${b.window} exceeded`,
      headers: { 'Retry-After': String(retry) },
      details: { limit: String(b.limit), window: b.window, retryAfter: String(retry) },
    });
  }
}

/** After `caller`: every request under /api/v1 is counted before it does anything. */
export function rateLimit(deps: RateLimitDeps): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    await limitRequest(c, c.get('caller'), deps);
    await next();
  };
}

/** Bad credentials (401) still count, per client address, and still carry the headers. */
export function countingFailures(authenticate: Authenticator, deps: RateLimitDeps): Authenticator {
  return async (c) => {
    try {
      return await authenticate(c);
    } catch (err) {
      await limitRequest(c, null, deps);
      throw err;
    }
  };
}
