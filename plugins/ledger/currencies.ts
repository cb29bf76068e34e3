import { coreErrors, RawNumber, z } from 'regis/plugin';

/**
 * The currencies the ledger knows, with their ISO 4217 exponent (digits after the decimal point);
 * stablecoins use the 6 decimals their tokens carry. Amounts are integers of the minor unit
 * (cents for usd, yen for jpy, millionths for usdc). Add a row to support another currency.
 */
export const CURRENCIES = {
  usd: 2,
  eur: 2,
  gbp: 2,
  chf: 2,
  cad: 2,
  aud: 2,
  sek: 2,
  pln: 2,
  jpy: 0,
  krw: 0,
  kwd: 3,
  usdc: 6,
  usdt: 6,
} as const satisfies Record<string, number>;

export type Currency = keyof typeof CURRENCIES;

export const isCurrency = (code: string): code is Currency => Object.hasOwn(CURRENCIES, code);

/** The exponent of a known currency; an unknown code is a programming error here (routes validate). */
export function exponentOf(currency: string): number {
  if (!isCurrency(currency)) throw new RangeError(`ledger: unknown currency "${currency}"`);
  return CURRENCIES[currency];
}

/** A currency field for request bodies and queries: lower-case code from the table above. */
export const currencySchema = z
  .enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]], {
    error: `Must be one of ${Object.keys(CURRENCIES).join(', ')}`,
  })
  .openapi({ example: 'usd', description: 'ISO 4217 code (lower case), or usdc/usdt' });

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Major units (a JSON number such as 19.99, or its text) → integer minor units, exactly: no float
 * arithmetic, and more decimals than the currency has is refused rather than rounded. Throws
 * VALIDATION_FAILED naming `field`, so a route can pass a body value straight in.
 */
export function toMinor(amount: number | string, currency: string, field = 'amount'): number {
  const exponent = exponentOf(currency);
  const text = typeof amount === 'number' ? numberText(amount) : amount.trim();
  const m = text === null ? null : DECIMAL.exec(text);
  const bad = (why: string) => coreErrors.VALIDATION_FAILED({ details: { [field]: why } });
  if (!m) throw bad('Must be a non-negative decimal number');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    throw bad(`At most ${exponent} decimal place${exponent === 1 ? '' : 's'} for ${currency}`);
  }
  const value = BigInt(m[1]!) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('Too large');
  return Number(value);
}

/** A finite number's plain decimal text (no exponent notation), or null. */
function numberText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const text = String(n);
  return /e/i.test(text) ? (Math.abs(n) < 1 ? null : BigInt(Math.trunc(n)).toString()) : text;
}

/** Minor units → the decimal text in major units with the currency's scale (1500 usd → "15.00"). */
export function formatMinor(minorUnits: number, currency: string): string {
  const exponent = exponentOf(currency);
  const value = BigInt(minorUnits);
  const abs = value < 0n ? -value : value;
  const scale = 10n ** BigInt(exponent);
  const whole = (abs / scale).toString();
  const sign = value < 0n ? '-' : '';
  if (exponent === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${(abs % scale).toString().padStart(exponent, '0')}`;
}

/** Minor units → a JSON number in major units that keeps its scale (`15.00`, `0.000001`, `1500`). */
export const toMajor = (minorUnits: number, currency: string): RawNumber =>
  new RawNumber(formatMinor(minorUnits, currency));
