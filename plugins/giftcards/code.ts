import { randomBytes } from 'node:crypto';

/** No 0/O or 1/I: codes are read aloud and typed from paper. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_PATTERN = /^GIFT-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

function randomChars(n: number): string {
  let out = '';
  while (out.length < n) {
    // 256 is a multiple of 32, so `byte % 32` is unbiased.
    for (const byte of randomBytes(n)) if (out.length < n) out += ALPHABET[byte % ALPHABET.length];
  }
  return out;
}

/** `GIFT-XXXX-XXXX` from the CSPRNG (~40 bits). */
export const newGiftCode = () => `GIFT-${randomChars(4)}-${randomChars(4)}`;

export const normaliseCode = (code: string) => code.trim().toUpperCase();

/** "25.5" / "25.50" (numeric from the database) → 2550, without going through floats. */
export function toMinor(amount: string | number): number {
  const [whole = '0', frac = ''] = String(amount).split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
}
