import type { Queryable } from 'regis/plugin';

/** Who an account belongs to (SPEC §11: a user or a project); `system` is the outside world. */
export interface LedgerOwner {
  type: 'user' | 'project' | 'system';
  id: string;
}

/** An account named by what it is for; made on first use. */
export interface AccountRef {
  owner: LedgerOwner;
  /** What the money is for: `wallet`, `card`, `hold`, `fees`, `external`, `credit`, … */
  purpose: string;
  currency: string;
  /** Tells apart several accounts of one owner, purpose and currency (a card id, an IBAN id). */
  key?: string;
}

/** An account id (`acc_…`) or a reference to one. */
export type AccountSpec = string | AccountRef;

export interface Account {
  id: string;
  owner: LedgerOwner;
  purpose: string;
  currency: string;
  key: string;
  balanceMinor: number;
  /** How far below zero the balance may go; null: unbounded (system accounts). */
  creditLimitMinor: number | null;
  createdAt: Date;
}

export interface TxOption {
  /** Run inside the caller's transaction: the ledger's writes commit or roll back with it. */
  tx?: Queryable | undefined;
}

export interface AccountOptions extends TxOption {
  key?: string;
  /** false: answer null instead of making a missing account (default true). */
  create?: boolean;
  /** At creation only: how far below zero it may go, or 'unbounded' (default 0; system: unbounded). */
  creditLimitMinor?: number | 'unbounded';
}

export interface EntryInput {
  account: AccountSpec;
  /** Signed minor units: positive adds to the account, negative takes from it. */
  amountMinor: number;
}

interface TransferBase extends TxOption {
  /**
   * Unique across the ledger: a retry with the same reference and body returns the first transfer
   * and posts nothing; the same reference with another body is 409 REFERENCE_CONFLICT.
   */
  reference: string;
  /** A short machine word saying why (`payment`, `card.fund`, `ai.reserve`); part of the body. */
  reason: string;
  /** Free data kept with the transfer (not part of the body a retry must match). */
  metadata?: Record<string, unknown>;
}

/** Two or more entries summing to zero per currency, each account at most once. */
export interface EntriesTransfer extends TransferBase {
  entries: readonly EntryInput[];
}

/** The common case: `amountMinor` (> 0) from one account to another of the same currency. */
export interface SimpleTransfer extends TransferBase {
  from: AccountSpec;
  to: AccountSpec;
  amountMinor: number;
}

export type TransferInput = EntriesTransfer | SimpleTransfer;

export interface Entry {
  id: string;
  transferId: string;
  accountId: string;
  owner: LedgerOwner;
  purpose: string;
  currency: string;
  amountMinor: number;
  balanceAfterMinor: number;
  createdAt: Date;
}

export interface Transfer {
  id: string;
  reference: string;
  reason: string;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  entries: Entry[];
}

export interface TransferResult extends Transfer {
  /** true when the reference was already posted with this body: nothing was posted now. */
  replayed: boolean;
}

/** One line of an owner's history: an entry with its transfer's reference, reason and metadata. */
export interface HistoryEntry extends Entry {
  reference: string;
  reason: string;
  metadata: Record<string, unknown> | null;
}

export interface HistoryQuery extends TxOption {
  owner: LedgerOwner;
  currency?: string;
  purpose?: string;
  /** Page size, 1–200 (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  /** Null on the last page. */
  nextCursor: string | null;
}

export interface Breach {
  /** Which invariant broke. */
  check:
    | 'transfer-unbalanced'
    | 'transfer-too-few-entries'
    | 'balance-mismatch'
    | 'below-credit-limit'
    | 'reference-duplicate'
    | 'entry-mismatch'
    | 'running-balance';
  /** The transfer, account or entry it concerns. */
  subject: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  breaches: Breach[];
  counts: { accounts: number; transfers: number; entries: number };
}
