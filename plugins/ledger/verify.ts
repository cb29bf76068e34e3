import { sql } from 'drizzle-orm';
import type { Queryable } from 'regis/plugin';
import { rowsOf } from './read.js';
import type { Breach, VerifyReport } from './types.js';

/** Rows shown per broken invariant; the report says when there are more. */
const SHOWN = 100;

interface Check {
  check: Breach['check'];
  query: ReturnType<typeof sql>;
  message: (row: Record<string, unknown>) => string;
}

/** Each query returns the rows that break one invariant of SPEC §12 (none when the books are right). */
const CHECKS: Check[] = [
  {
    check: 'transfer-unbalanced',
    query: sql`select transfer_id as subject, currency, sum(amount_minor)::text as total
      from ledger_postings group by transfer_id, currency having sum(amount_minor) <> 0`,
    message: (r) => `${r['currency']} entries sum to ${r['total']}, not 0`,
  },
  {
    check: 'transfer-too-few-entries',
    query: sql`select t.id as subject, count(p.id)::int as n from ledger_transfers t
      left join ledger_postings p on p.transfer_id = t.id group by t.id having count(p.id) < 2`,
    message: (r) => `has ${r['n']} entries, needs at least 2`,
  },
  {
    check: 'balance-mismatch',
    query: sql`select a.id as subject, a.balance_minor::text as balance, coalesce(s.total, 0)::text as total,
        a.version::text as version, coalesce(s.n, 0)::text as n
      from ledger_accounts a
      left join (select account_id, sum(amount_minor) as total, count(*) as n from ledger_postings group by account_id) s
        on s.account_id = a.id
      where a.balance_minor <> coalesce(s.total, 0) or a.version <> coalesce(s.n, 0)`,
    message: (r) =>
      `balance ${r['balance']} but its ${r['n']} entries sum to ${r['total']} (version ${r['version']})`,
  },
  {
    check: 'below-credit-limit',
    query: sql`select id as subject, balance_minor::text as balance, credit_limit_minor::text as lim
      from ledger_accounts where credit_limit_minor is not null and balance_minor < -credit_limit_minor`,
    message: (r) => `balance ${r['balance']} is below -${r['lim']} (its credit limit)`,
  },
  {
    check: 'reference-duplicate',
    query: sql`select reference as subject, count(*)::int as n from ledger_transfers
      group by reference having count(*) > 1`,
    message: (r) => `reference used by ${r['n']} transfers`,
  },
  {
    check: 'entry-mismatch',
    query: sql`select p.id as subject, p.account_id as account from ledger_postings p
      left join ledger_accounts a on a.id = p.account_id
      where a.id is null or a.owner_type <> p.owner_type or a.owner_id <> p.owner_id
         or a.purpose <> p.purpose or a.currency <> p.currency`,
    message: (r) => `does not match its account ${r['account']} (owner, purpose or currency)`,
  },
  {
    check: 'running-balance',
    query: sql`select id as subject, balance_after_minor::text as after, running::text as running from (
        select id, seq, balance_after_minor,
               sum(amount_minor) over (partition by account_id order by seq) as running,
               row_number() over (partition by account_id order by seq) as rn
          from ledger_postings) x
      where balance_after_minor <> running or seq <> rn`,
    message: (r) =>
      `says the balance after it was ${r['after']}, but the entries before sum to ${r['running']}`,
  },
];

async function countOf(q: Queryable): Promise<VerifyReport['counts']> {
  const [row] = rowsOf(
    await q.execute(sql`select (select count(*) from ledger_accounts)::int as accounts,
      (select count(*) from ledger_transfers)::int as transfers,
      (select count(*) from ledger_postings)::int as entries`),
  );
  return {
    accounts: Number(row?.['accounts']),
    transfers: Number(row?.['transfers']),
    entries: Number(row?.['entries']),
  };
}

/**
 * Proves the ledger's invariants over the whole database: every transfer balanced per currency with
 * at least two entries, every balance equal to its entries (and each entry's running balance), no
 * balance below its credit limit, references unique, entries matching their accounts.
 */
export async function verifyLedger(q: Queryable): Promise<VerifyReport> {
  const breaches: Breach[] = [];
  for (const c of CHECKS) {
    const rows = rowsOf(await q.execute(sql`${c.query} limit ${SHOWN + 1}`));
    for (const row of rows.slice(0, SHOWN))
      breaches.push({ check: c.check, subject: String(row['subject']), message: c.message(row) });
    if (rows.length > SHOWN)
      breaches.push({
        check: c.check,
        subject: '…',
        message: `more than ${SHOWN} such rows; fix these first`,
      });
  }
  return { ok: breaches.length === 0, breaches, counts: await countOf(q) };
}
