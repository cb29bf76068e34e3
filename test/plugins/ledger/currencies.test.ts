import { describe, expect, it } from 'vitest';
import { exponentOf, formatMinor, toMajor, toMinor } from '../../../plugins/ledger/currencies.js';
import { stringify } from '../../../src/util/json.js';

const details = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code: string; details: Record<string, string> }).details;
  }
  throw new Error('did not throw');
};

describe('§12 integer minor units with ISO 4217 exponents', () => {
  it('knows usd/eur 2, jpy 0, usdc/usdt 6', () => {
    expect([
      exponentOf('usd'),
      exponentOf('eur'),
      exponentOf('jpy'),
      exponentOf('usdc'),
      exponentOf('usdt'),
    ]).toEqual([2, 2, 0, 6, 6]);
    expect(() => exponentOf('xyz')).toThrow(/unknown currency/);
  });

  it('major → minor exactly, from numbers or text, without float noise', () => {
    expect(toMinor(19.99, 'usd')).toBe(1999);
    expect(toMinor(0.29, 'usd')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(toMinor('200', 'eur')).toBe(20000);
    expect(toMinor(1500, 'jpy')).toBe(1500);
    expect(toMinor(0.000001, 'usdc')).toBe(1);
    expect(toMinor('12.345678', 'usdt')).toBe(12345678);
    expect(toMinor(1.5, 'usd')).toBe(150);
    expect(toMinor(1.1, 'kwd')).toBe(1100);
  });

  it('refuses more decimals than the currency has, negatives and junk, naming the field', () => {
    expect(details(() => toMinor(1.234, 'usd'))).toEqual({ amount: 'At most 2 decimal places for usd' });
    expect(details(() => toMinor(10.5, 'jpy', 'price'))).toEqual({
      price: 'At most 0 decimal places for jpy',
    });
    expect(details(() => toMinor(0.1 + 0.2, 'usd'))).toEqual({ amount: 'At most 2 decimal places for usd' });
    expect(details(() => toMinor(-1, 'usd')).amount).toBeTypeOf('string');
    expect(details(() => toMinor('1e3', 'usd')).amount).toBeTypeOf('string');
    expect(details(() => toMinor(Number.NaN, 'usd')).amount).toBeTypeOf('string');
    expect(details(() => toMinor(1e20, 'usd'))).toEqual({ amount: 'Too large' });
  });

  it('minor → JSON numbers in major units keeping the scale', () => {
    expect(formatMinor(1500, 'usd')).toBe('15.00');
    expect(formatMinor(-5, 'usd')).toBe('-0.05');
    expect(formatMinor(1500, 'jpy')).toBe('1500');
    expect(formatMinor(1, 'usdc')).toBe('0.000001');
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 'usdc')).toBe('9007199254.740991');
    expect(stringify({ a: toMajor(20000, 'eur'), b: toMajor(7, 'usdt') })).toBe('{"a":200.00,"b":0.000007}');
  });
});
