import { z } from 'regis/plugin';

/** Smallest top-up Stripe accepts for USD-like currencies. */
export const MIN_AMOUNT = 0.5;

/** Whole cents only: 10, 10.5 and 10.05 pass; 10.005 does not. Money never stays a float. */
export function toMinorUnits(amount: number): number | null {
  const minor = Math.round(amount * 100);
  return Math.abs(amount * 100 - minor) < 1e-6 ? minor : null;
}

export const toMajorUnits = (minor: number): number => Math.round(minor) / 100;

/** `amount` of a top-up, in major units with at most two decimals, between 0.50 and `max`. */
export function amountSchema(max: number) {
  return z
    .number({ error: 'Must be a number' })
    .min(MIN_AMOUNT, `Must be at least ${MIN_AMOUNT.toFixed(2)}`)
    .max(max, `Must be at most ${max.toFixed(2)}`)
    .refine((n) => toMinorUnits(n) !== null, 'At most 2 decimal places')
    .openapi({ example: 10, description: `Major units (e.g. 10.00), ${MIN_AMOUNT.toFixed(2)}–${max}` });
}
