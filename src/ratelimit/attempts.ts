import type { Db } from '../db/client.js';
import { AppError } from '../errors/app-error.js';
import { windowMs } from './limiter.js';
import { postgresStore } from './postgres-store.js';

export interface AttemptLimitOptions {
  db: Db;
  /** Namespaces the counters (one per kind of attempt), e.g. "giftcard-redeem". */
  name: string;
  /** Attempts allowed per key and window. */
  limit: number;
  /** "30s" | "15m" | "1h" | "1d". */
  window: string;
  /** The 429's message. */
  message?: string;
}

/**
 * A bound on attempts at something guessable (a gift card code, a one-time code), counted per key
 * in the database so every instance shares it. Every attempt counts, right or wrong; past the limit
 * the returned check throws 429 RATE_LIMIT_EXCEEDED with Retry-After.
 */
export function attemptLimiter(options: AttemptLimitOptions): (key: string) => Promise<void> {
  const store = postgresStore(options.db, `${options.name}:`);
  const ms = windowMs(options.window);
  return async function checkAttempt(key) {
    const hit = await store.hit(key, ms);
    if (hit.count <= options.limit) return;
    const retry = Math.max(1, Math.ceil((hit.resetAt - Date.now()) / 1000));
    throw AppError.of('RATE_LIMIT_EXCEEDED', {
      message: options.message ?? 'Too many attempts; try again later',
      headers: { 'Retry-After': String(retry) },
    });
  };
}
