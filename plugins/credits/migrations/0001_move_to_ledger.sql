-- Credits move onto the ledger (SPEC §12): each user's balance becomes their usd wallet, each old
-- entry a transfer between that wallet and the system account named by the entry's reason
-- (external:payment, external:giftcard, external:ai, …), keeping the entry's id, time and reference.
-- Should a stored balance differ from its entries, an adjustment transfer keeps the balance.
CREATE TEMP TABLE credits_moves AS
SELECT e.id AS entry_id, e.owner_id, e.amount_minor::bigint AS amount_minor, e.reason,
       coalesce(e.reference, 'credits-migrated:' || e.id) AS reference, e.created_at
  FROM ledger_entries e
UNION ALL
SELECT 'led_' || replace(gen_random_uuid()::text, '-', ''), b.user_id,
       (b.balance_minor - coalesce(s.total, 0))::bigint, 'credits.migration-adjustment',
       'credits-migration-adjustment:' || b.user_id, now()
  FROM credit_balances b
  LEFT JOIN (SELECT owner_id, sum(amount_minor) AS total FROM ledger_entries GROUP BY owner_id) s
    ON s.owner_id = b.user_id
 WHERE b.balance_minor <> coalesce(s.total, 0);
--> statement-breakpoint
ALTER TABLE credits_moves
  ADD COLUMN transfer_id text NOT NULL DEFAULT 'trf_' || replace(gen_random_uuid()::text, '-', ''),
  ADD COLUMN system_entry_id text NOT NULL DEFAULT 'led_' || replace(gen_random_uuid()::text, '-', ''),
  ADD COLUMN source text;
--> statement-breakpoint
UPDATE credits_moves SET source = coalesce(substring(lower(reason) from '^[a-z0-9-]+'), 'credits');
--> statement-breakpoint
INSERT INTO ledger_accounts (id, owner_type, owner_id, purpose, currency, key, credit_limit_minor)
SELECT DISTINCT ON (owner_id) 'acc_' || replace(gen_random_uuid()::text, '-', ''), 'user', owner_id, 'wallet', 'usd', '', 0
  FROM credits_moves
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO ledger_accounts (id, owner_type, owner_id, purpose, currency, key, credit_limit_minor)
SELECT DISTINCT ON (source) 'acc_' || replace(gen_random_uuid()::text, '-', ''), 'system', 'regis', 'external', 'usd', source, NULL
  FROM credits_moves
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO ledger_transfers (id, reference, reason, fingerprint, metadata, created_at)
SELECT transfer_id, reference, reason, '', jsonb_build_object('migratedFrom', 'credits'), created_at
  FROM credits_moves;
--> statement-breakpoint
INSERT INTO ledger_postings
  (id, transfer_id, account_id, owner_type, owner_id, purpose, currency, amount_minor, balance_after_minor, seq, created_at)
SELECT m.entry_id, m.transfer_id, a.id, 'user', m.owner_id, 'wallet', 'usd', m.amount_minor,
       a.balance_minor + sum(m.amount_minor) OVER w, a.version + row_number() OVER w, m.created_at
  FROM credits_moves m
  JOIN ledger_accounts a ON a.owner_type = 'user' AND a.owner_id = m.owner_id AND a.purpose = 'wallet'
   AND a.currency = 'usd' AND a.key = ''
WINDOW w AS (PARTITION BY a.id ORDER BY m.created_at, m.entry_id);
--> statement-breakpoint
INSERT INTO ledger_postings
  (id, transfer_id, account_id, owner_type, owner_id, purpose, currency, amount_minor, balance_after_minor, seq, created_at)
SELECT m.system_entry_id, m.transfer_id, a.id, 'system', 'regis', 'external', 'usd', -m.amount_minor,
       a.balance_minor - sum(m.amount_minor) OVER w, a.version + row_number() OVER w, m.created_at
  FROM credits_moves m
  JOIN ledger_accounts a ON a.owner_type = 'system' AND a.owner_id = 'regis' AND a.purpose = 'external'
   AND a.currency = 'usd' AND a.key = m.source
WINDOW w AS (PARTITION BY a.id ORDER BY m.created_at, m.entry_id);
--> statement-breakpoint
UPDATE ledger_accounts a
   SET balance_minor = a.balance_minor + s.total, version = a.version + s.n, updated_at = now()
  FROM (SELECT p.account_id, sum(p.amount_minor) AS total, count(*) AS n
          FROM ledger_postings p JOIN credits_moves m ON m.transfer_id = p.transfer_id
         GROUP BY p.account_id) s
 WHERE a.id = s.account_id;
--> statement-breakpoint
-- The fingerprint a retry of the same move computes (plugins/ledger/transfer-input.ts):
-- sha256 of JSON [reason, [[accountId, amount], …]] sorted by account id, base64url.
UPDATE ledger_transfers t
   SET fingerprint = rtrim(translate(encode(sha256(convert_to(
         '[' || to_json(t.reason)::text || ',[' ||
         (SELECT string_agg('[' || to_json(p.account_id)::text || ',' || p.amount_minor::text || ']', ','
                            ORDER BY p.account_id COLLATE "C")
            FROM ledger_postings p WHERE p.transfer_id = t.id) || ']]', 'UTF8')), 'base64'), '+/', '-_'), '=')
 WHERE t.id IN (SELECT transfer_id FROM credits_moves);
--> statement-breakpoint
DROP TABLE credits_moves;
--> statement-breakpoint
DROP TABLE "credit_balances" CASCADE;
--> statement-breakpoint
DROP TABLE "ledger_entries" CASCADE;
