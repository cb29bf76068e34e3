CREATE TABLE "giftcards" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"amount" numeric(10, 2) NOT NULL,
	"redeemed_by" text,
	"redeemed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "giftcards_code_unique" UNIQUE("code")
);

--> statement-breakpoint
ALTER TABLE "giftcards" ADD CONSTRAINT "giftcards_redeemed_by_user_id_fk" FOREIGN KEY ("redeemed_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "giftcards_created_at_idx" ON "giftcards" USING btree ("created_at","id");
--> statement-breakpoint
CREATE INDEX "giftcards_redeemed_by_idx" ON "giftcards" USING btree ("redeemed_by");
