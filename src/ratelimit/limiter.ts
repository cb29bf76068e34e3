/** One counted hit against a bucket: the count after this hit and when the window ends (ms). */
export interface Hit {
  count: number;
  resetAt: number;
}

/**
 * The one seam between the middleware and where counts live. `hit` must be atomic: N concurrent
 * hits on a bucket see N distinct counts, so exactly `limit` of them are admitted.
 */
export interface LimiterStore {
  readonly kind: 'memory' | 'redis' | 'postgres';
  hit(key: string, windowMs: number): Promise<Hit>;
  close(): Promise<void>;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "30s" | "15m" | "1h" | "1d" (a bare unit means 1 of it) → milliseconds. */
export function windowMs(window: string): number {
  const m = /^(\d*)(s|m|h|d)$/.exec(window.trim());
  if (!m) throw new Error(`bad rate-limit window "${window}"`);
  return Number(m[1] || '1') * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** Windows are aligned to the epoch, so every process agrees on when a bucket resets. */
export function windowEnd(now: number, ms: number): number {
  return Math.floor(now / ms) * ms + ms;
}
