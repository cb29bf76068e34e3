import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` uniformly random base62 characters from `bytes` (rejection sampling, no modulo bias). */
function base62(length: number, nextByte: () => number): string {
  let out = '';
  while (out.length < length) {
    const byte = nextByte();
    if (byte < 248) out += ALPHABET[byte % 62];
  }
  return out;
}

/** For secrets (API keys): fresh CSPRNG bytes per call, never pooled in memory ahead of use. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length * 2);
  let i = 0;
  return base62(length, () => (i < bytes.length ? bytes[i++]! : randomBytes(1)[0]!));
}

/**
 * Record ids are public, so their CSPRNG bytes come from a pool refilled 4 KiB at a time (what nanoid
 * does): one small randomBytes call per id was ~4% of a CREATE's CPU in the bench profile.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;
function pooledByte(): number {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]!;
}

/** `tsk_` + 20 random base62 characters (SPEC §3). */
export const newId = (prefix: string) => `${prefix}_${base62(20, pooledByte)}`;
