CREATE TABLE "channel_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"settings" jsonb NOT NULL,
	"secrets" text NOT NULL,
	"hook_key" text NOT NULL,
	"intake_user_id" uuid,
	"sync_cursor" text,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"refused_callbacks" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "channel_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"customer_id" uuid,
	"ticket_id" uuid,
	"last_inbound_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"kind" text NOT NULL,
	"body" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"contact_id" uuid,
	"ticket_id" uuid,
	"sent_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_templates" (
	"account_id" uuid NOT NULL,
	"template_code" text NOT NULL,
	"provider_template_code" text NOT NULL,
	"params" jsonb NOT NULL,
	"approval" text NOT NULL,
	"approval_note" text,
	"checked_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_templates_account_id_template_code_pk" PRIMARY KEY("account_id","template_code")
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "template_variables" jsonb;--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD CONSTRAINT "channel_accounts_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD CONSTRAINT "channel_accounts_intake_user_id_users_id_fk" FOREIGN KEY ("intake_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD CONSTRAINT "channel_accounts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_conversations" ADD CONSTRAINT "channel_conversations_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_conversations" ADD CONSTRAINT "channel_conversations_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_conversation_id_channel_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."channel_conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_messages" ADD CONSTRAINT "channel_messages_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_templates" ADD CONSTRAINT "channel_templates_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_accounts_unit_idx" ON "channel_accounts" USING btree ("unit_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_conversations_account_external_uq" ON "channel_conversations" USING btree ("account_id","external_id");--> statement-breakpoint
CREATE INDEX "channel_conversations_customer_idx" ON "channel_conversations" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_messages_provider_uq" ON "channel_messages" USING btree ("conversation_id","direction","provider_message_id");--> statement-breakpoint
CREATE INDEX "channel_messages_conversation_idx" ON "channel_messages" USING btree ("conversation_id","occurred_at");