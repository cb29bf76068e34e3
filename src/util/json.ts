import { randomBytes } from 'node:crypto';

/**
 * A JSON number written exactly as given, so a decimal keeps its scale (`19.90`, not `19.9`).
 * JSON.stringify cannot emit raw numbers on Node 20 (no JSON.rawJSON), so it emits a marker
 * string with a per-process nonce that `stringify` then unquotes; clients cannot forge the nonce.
 */
const NONCE = randomBytes(6).toString('hex');
const MARK = `\u001d${NONCE}:`;
const MARK_RE = new RegExp(`"\\\\u001d${NONCE}:(-?[0-9]+(?:\\.[0-9]+)?)"`, 'g');

export class RawNumber {
  constructor(readonly text: string) {}
  /**
   * Typed as the number it becomes on the wire (`stringify` unquotes the marker), so a response
   * schema's `z.number()` accepts it; the cast is that promise, made here once.
   */
  toJSON(): number {
    return (MARK + this.text) as unknown as number;
  }
  valueOf(): number {
    return Number(this.text);
  }
}

export function stringify(value: unknown): string {
  const out = JSON.stringify(value);
  return out.includes(NONCE) ? out.replace(MARK_RE, '$1') : out;
}
