CREATE TABLE "regis_rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"reset_at" bigint NOT NULL,
	"count" integer NOT NULL
);

--> statement-breakpoint
CREATE TABLE "regis_idempotency_keys" (
	"caller" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"body" text NOT NULL,
	"headers" jsonb NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "regis_idempotency_keys_caller_key_pk" PRIMARY KEY("caller","key")
);

--> statement-breakpoint
CREATE INDEX "regis_idempotency_keys_expires_idx" ON "regis_idempotency_keys" USING btree ("expires_at");
