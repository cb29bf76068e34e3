CREATE TABLE "ledger_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"purpose" text NOT NULL,
	"currency" text NOT NULL,
	"key" text DEFAULT '' NOT NULL,
	"balance_minor" bigint DEFAULT 0 NOT NULL,
	"credit_limit_minor" bigint DEFAULT 0,
	"version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_identity_unique" UNIQUE("owner_type","owner_id","purpose","currency","key"),
	CONSTRAINT "ledger_accounts_owner_type" CHECK ("ledger_accounts"."owner_type" in ('user', 'project', 'system')),
	CONSTRAINT "ledger_accounts_credit_limit" CHECK ("ledger_accounts"."credit_limit_minor" is null or "ledger_accounts"."credit_limit_minor" >= 0),
	CONSTRAINT "ledger_accounts_within_limit" CHECK ("ledger_accounts"."credit_limit_minor" is null or "ledger_accounts"."balance_minor" >= -"ledger_accounts"."credit_limit_minor")
);

--> statement-breakpoint
CREATE TABLE "ledger_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"reason" text NOT NULL,
	"fingerprint" text NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_transfers_reference_unique" UNIQUE("reference")
);

--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" text PRIMARY KEY NOT NULL,
	"transfer_id" text NOT NULL,
	"account_id" text NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"purpose" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"balance_after_minor" bigint NOT NULL,
	"seq" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_postings_nonzero" CHECK ("ledger_postings"."amount_minor" <> 0)
);

--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_transfer_id_ledger_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."ledger_transfers"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "ledger_transfers_created_at_idx" ON "ledger_transfers" USING btree ("created_at","id");
--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_postings_account_seq_unique" ON "ledger_postings" USING btree ("account_id","seq");
--> statement-breakpoint
CREATE INDEX "ledger_postings_owner_created_idx" ON "ledger_postings" USING btree ("owner_type","owner_id","created_at","id");
--> statement-breakpoint
CREATE INDEX "ledger_postings_transfer_idx" ON "ledger_postings" USING btree ("transfer_id");
--> statement-breakpoint
CREATE VIEW "public"."ledger_history" AS (select "ledger_postings"."id", "ledger_postings"."owner_id", "ledger_postings"."amount_minor", "ledger_postings"."balance_after_minor" as "balance_after", "ledger_postings"."currency", "ledger_postings"."purpose", "ledger_postings"."transfer_id", "ledger_transfers"."reason", "ledger_transfers"."reference", "ledger_postings"."created_at", "ledger_postings"."created_at" as "updated_at", "ledger_postings".xmin as "xmin" from "ledger_postings" inner join "ledger_transfers" on "ledger_transfers"."id" = "ledger_postings"."transfer_id" where "ledger_postings"."owner_type" = 'user');
