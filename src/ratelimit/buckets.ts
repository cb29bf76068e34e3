import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Caller } from '../access/caller.js';
import type { Env } from '../config/env.js';
import type { Registry } from '../registry/registry.js';
import type { RateLimitDef } from '../registry/types.js';

export interface Bucket {
  key: string;
  limit: number;
  window: string;
}

const parsedSpecs = new Map<string, RateLimitDef>();

/** "100/1h" → { limit: 100, window: "1h" }; the few distinct specs (from the env) are parsed once. */
export function parseRateSpec(spec: string): RateLimitDef {
  let parsed = parsedSpecs.get(spec);
  if (!parsed) {
    const [limit = '0', window = '1h'] = spec.split('/');
    parsed = { limit: Number(limit), window };
    if (parsedSpecs.size < 100) parsedSpecs.set(spec, parsed);
  }
  return parsed;
}

/** The client address: the left-most X-Forwarded-For entry only behind a trusted proxy, else the socket. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** Who a bucket counts: the key, the session's user, or the address. */
export function callerId(c: Context, caller: Caller | null, env: Env): string {
  if (caller?.kind === 'api_key') return `key:${caller.credentialId}`;
  if (caller) return `user:${caller.userId}`;
  return `ip:${clientAddress(c, env.TRUST_PROXY)}`;
}

/** The caller's default bucket plus, for /api/v1/<entity>…, the entity's own bucket when it declares one. */
export function bucketsFor(c: Context, caller: Caller | null, env: Env, registry: Registry): Bucket[] {
  const who = callerId(c, caller, env);
  const spec =
    caller?.kind === 'api_key'
      ? env.RATE_LIMIT_API_KEY
      : caller
        ? env.RATE_LIMIT_SESSION
        : env.RATE_LIMIT_ANONYMOUS;
  const buckets: Bucket[] = [{ key: who, ...parseRateSpec(spec) }];
  const segment = /^\/api\/v1\/([^/]+)/.exec(c.req.path)?.[1];
  const model = segment ? registry.get(segment) : undefined;
  if (model?.rateLimit) {
    buckets.push({ key: `entity:${model.name}:${who}`, ...model.rateLimit });
  }
  return buckets;
}
