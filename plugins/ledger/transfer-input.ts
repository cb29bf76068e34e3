import { createHash } from 'node:crypto';
import { LedgerError } from './errors.js';
import type { AccountSpec, EntryInput, TransferInput } from './types.js';

export interface Line {
  account: AccountSpec;
  amountMinor: number;
}

/** The transfer's entries, checked for shape: ≥ 2, integer, non-zero; `from/to` becomes two lines. */
export function linesOf(input: TransferInput): Line[] {
  if (typeof input.reference !== 'string' || input.reference.length < 1 || input.reference.length > 255)
    throw new LedgerError('ledger: a transfer needs a reference of 1–255 characters');
  if (typeof input.reason !== 'string' || input.reason.length < 1 || input.reason.length > 100)
    throw new LedgerError('ledger: a transfer needs a reason of 1–100 characters');
  const lines: readonly EntryInput[] =
    'entries' in input
      ? input.entries
      : [
          { account: input.from, amountMinor: -input.amountMinor },
          { account: input.to, amountMinor: input.amountMinor },
        ];
  if (!('entries' in input) && !(input.amountMinor > 0))
    throw new LedgerError(`ledger: amountMinor must be positive, got ${input.amountMinor}`);
  if (lines.length < 2) throw new LedgerError('ledger: a transfer needs at least two entries');
  for (const l of lines) {
    if (!Number.isSafeInteger(l.amountMinor) || l.amountMinor === 0)
      throw new LedgerError(`ledger: entry amounts must be non-zero integers, got ${l.amountMinor}`);
  }
  return lines.map((l) => ({ account: l.account, amountMinor: l.amountMinor }));
}

/** Each currency's entries must sum to zero: money moves, it is never made or lost. */
export function checkBalanced(lines: readonly { currency: string; amountMinor: number }[]): void {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(l.currency, (sums.get(l.currency) ?? 0) + l.amountMinor);
  for (const [currency, sum] of sums) {
    if (sum !== 0) throw new LedgerError(`ledger: ${currency} entries sum to ${sum}, not 0`);
  }
}

/** What a retry must repeat: the reason and each account's amount (not the metadata). */
export function fingerprintOf(reason: string, resolved: readonly { id: string; amountMinor: number }[]) {
  const body = [...resolved].sort((a, b) => (a.id < b.id ? -1 : 1)).map((l) => [l.id, l.amountMinor]);
  return createHash('sha256')
    .update(JSON.stringify([reason, body]))
    .digest('base64url');
}
