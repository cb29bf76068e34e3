import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors/app-error.js';

/** A value a keyset position holds: what the sort columns read back as. */
export type CursorValue = string | number | boolean | null | Date;

export interface CursorState {
  /** The page number this cursor opens (for the pagination object and Link). */
  page: number;
  /** The sort-key values of the last row already seen, id last. */
  values: CursorValue[];
}

/** The HMAC key for cursors; the HTTP layer derives it from the auth secret. */
export type CursorKey = Uint8Array | string;

const MAX_CURSOR_LENGTH = 2048;

const bad = (message: string) => AppError.of('VALIDATION_FAILED', { message, details: { cursor: message } });

/** What a cursor is bound to: the entity, order, filter, search and date range it was made under. */
export function cursorBinding(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

const sign = (key: CursorKey, body: string) => createHmac('sha256', key).update(body).digest('base64url');

type Wire = string | number | boolean | null | { d: string };

const toWire = (v: CursorValue): Wire => (v instanceof Date ? { d: v.toISOString() } : v);

function fromWire(v: unknown): CursorValue {
  if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return v as CursorValue;
  if (typeof v === 'object' && typeof (v as { d?: unknown }).d === 'string') {
    const d = new Date((v as { d: string }).d);
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw bad('Malformed cursor');
}

/** An opaque, tamper-evident token: base64url(JSON) + "." + HMAC-SHA256 of it. */
export function encodeCursor(key: CursorKey, binding: string, state: CursorState): string {
  const body = Buffer.from(
    JSON.stringify({ b: binding, p: state.page, v: state.values.map(toWire) }),
  ).toString('base64url');
  return `${body}.${sign(key, body)}`;
}

/** Verifies signature and binding before anything is read; any mismatch is a 400. */
export function decodeCursor(key: CursorKey, binding: string, raw: string, keys: number): CursorState {
  if (raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(raw))
    throw bad('Malformed cursor');
  const [body = '', mac = ''] = raw.split('.');
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw bad('This cursor was not issued by this server');
  let parsed: { b?: unknown; p?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw bad('Malformed cursor');
  }
  if (parsed.b !== binding)
    throw bad('This cursor belongs to another sort, filter or search; start again without it');
  const page = parsed.p;
  if (
    !Number.isSafeInteger(page) ||
    (page as number) < 2 ||
    !Array.isArray(parsed.v) ||
    parsed.v.length !== keys
  )
    throw bad('Malformed cursor');
  return { page: page as number, values: parsed.v.map(fromWire) };
}
