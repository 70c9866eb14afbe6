CREATE TABLE "oauth_codes" (
	"provider" text NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "oauth_codes_provider_code_hash_pk" PRIMARY KEY("provider","code_hash")
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"account_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"user_id" uuid,
	"target" text,
	"external_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "official_account_bindings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"openid" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"bound_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "dingtalk_union_id" text;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_account_bindings" ADD CONSTRAINT "official_account_bindings_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_account_bindings" ADD CONSTRAINT "official_account_bindings_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_account_bindings" ADD CONSTRAINT "official_account_bindings_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oauth_codes_used_idx" ON "oauth_codes" USING btree ("used_at");--> statement-breakpoint
CREATE INDEX "oauth_states_expires_idx" ON "oauth_states" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "official_account_bindings_live_uq" ON "official_account_bindings" USING btree ("account_id","openid") WHERE "official_account_bindings"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "official_account_bindings_customer_idx" ON "official_account_bindings" USING btree ("customer_id");