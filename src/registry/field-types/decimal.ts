import { numeric } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { RawNumber } from '../../util/json.js';
import type { DecimalFieldDef } from '../types.js';
import type { FieldType } from './field-type.js';

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Canonical text of a decimal input (number or string), or null when it is not a plain decimal. */
export function decimalText(value: unknown): string | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const s = String(value);
    return DECIMAL_RE.test(s) ? s : null;
  }
  if (typeof value === 'string') return DECIMAL_RE.test(value.trim()) ? value.trim() : null;
  return null;
}

function checkDecimal(f: DecimalFieldDef, text: string): string | null {
  const [whole = '', frac = ''] = text.replace('-', '').split('.');
  if (frac.length > f.scale) return `Must have at most ${f.scale} decimal places`;
  if (whole.replace(/^0+/, '').length > f.precision - f.scale) return 'Number is too large';
  const n = Number(text);
  if (f.min !== undefined && n < f.min) return `Must be at least ${f.min}`;
  if (f.max !== undefined && n > f.max) return `Must be at most ${f.max}`;
  return null;
}

/** Exact decimal (money is never a float): numeric(p,s) in SQL, a JSON number with its scale on the wire. */
export const decimalType: FieldType<DecimalFieldDef> = {
  column: (name, f) => numeric(name, { precision: f.precision, scale: f.scale }),
  zod: (f) =>
    z.union([z.number(), z.string()]).superRefine((value, ctx) => {
      const text = decimalText(value);
      const problem = text === null ? 'Must be a decimal number' : checkDecimal(f, text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  responseZod: () => z.number(),
  meta: (f) => ({ precision: f.precision, scale: f.scale, minimum: f.min, maximum: f.max }),
  toDb: (value) => decimalText(value),
  toJson: (value, f) => (value === null ? null : new RawNumber(Number(value as string).toFixed(f.scale))),
};
