CREATE TABLE "member_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"theme" text NOT NULL,
	"date" date NOT NULL,
	"target_group" text NOT NULL,
	"type" text NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"coordinator_id" uuid,
	"implementation_plan" text,
	"state" text DEFAULT 'planned' NOT NULL,
	"summary" text,
	"evaluation" text,
	"points_granted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_activities_points_not_negative" CHECK ("member_activities"."points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "member_activity_signups" (
	"activity_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"signed_up_at" timestamp with time zone NOT NULL,
	"attended" boolean DEFAULT false NOT NULL,
	"attendance_recorded_at" timestamp with time zone,
	CONSTRAINT "member_activity_signups_activity_id_member_id_pk" PRIMARY KEY("activity_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "member_points_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"activity_id" uuid,
	"lot_id" uuid,
	"remaining" integer,
	"expires_at" timestamp with time zone,
	"created_by" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_points_entries_reason_given" CHECK (length(trim("member_points_entries"."reason")) > 0),
	CONSTRAINT "member_points_entries_sign_fits_kind" CHECK ("member_points_entries"."points" <> 0 and ("member_points_entries"."kind" = 'adjust' or ("member_points_entries"."kind" = 'earn') = ("member_points_entries"."points" > 0))),
	CONSTRAINT "member_points_entries_remaining_within_lot" CHECK (("member_points_entries"."points" > 0) = ("member_points_entries"."remaining" is not null) and ("member_points_entries"."remaining" is null or "member_points_entries"."remaining" between 0 and "member_points_entries"."points"))
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"member_number" text NOT NULL,
	"level" text DEFAULT 'regular' NOT NULL,
	"joined_on" date NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "members_balance_not_negative" CHECK ("members"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "portal_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"ip" text,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "portal_requests" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "member_activities" ADD CONSTRAINT "member_activities_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_activities" ADD CONSTRAINT "member_activities_coordinator_id_users_id_fk" FOREIGN KEY ("coordinator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_activities" ADD CONSTRAINT "member_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_activity_signups" ADD CONSTRAINT "member_activity_signups_activity_id_member_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."member_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_activity_signups" ADD CONSTRAINT "member_activity_signups_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_points_entries" ADD CONSTRAINT "member_points_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_points_entries" ADD CONSTRAINT "member_points_entries_activity_id_member_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."member_activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_points_entries" ADD CONSTRAINT "member_points_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_activities_unit_year_idx" ON "member_activities" USING btree ("unit_id","year","date");--> statement-breakpoint
CREATE INDEX "member_activity_signups_member_idx" ON "member_activity_signups" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "member_points_entries_member_idx" ON "member_points_entries" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "member_points_entries_expiring_idx" ON "member_points_entries" USING btree ("expires_at") WHERE "member_points_entries"."remaining" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "member_points_entries_activity_key" ON "member_points_entries" USING btree ("member_id","activity_id") WHERE "member_points_entries"."activity_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "member_points_entries_expired_lot_key" ON "member_points_entries" USING btree ("lot_id") WHERE "member_points_entries"."kind" = 'expire';--> statement-breakpoint
CREATE UNIQUE INDEX "members_customer_key" ON "members" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_number_key" ON "members" USING btree ("member_number");--> statement-breakpoint
CREATE INDEX "members_unit_idx" ON "members" USING btree ("unit_id","joined_on");--> statement-breakpoint
CREATE INDEX "portal_codes_phone_idx" ON "portal_codes" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "portal_codes_ip_idx" ON "portal_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "portal_sessions_phone_idx" ON "portal_sessions" USING btree ("phone");--> statement-breakpoint
-- MEM-1: member numbers are one running sequence across the company.
CREATE SEQUENCE IF NOT EXISTS member_number_seq;
--> statement-breakpoint
-- MEM-1: a ledger entry moves the member's balance in the same statement, so the ledger and the
-- balance can never disagree; the CHECK members_balance_not_negative refuses an entry that would
-- take the balance below zero, whichever code path wrote it.
CREATE OR REPLACE FUNCTION kefu_member_points_apply() RETURNS trigger AS $$
BEGIN
  UPDATE members SET balance = balance + NEW.points WHERE id = NEW.member_id;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'member % not found', NEW.member_id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER member_points_entries_apply
  AFTER INSERT ON member_points_entries
  FOR EACH ROW EXECUTE FUNCTION kefu_member_points_apply();
--> statement-breakpoint
-- The ledger is append-only: only what is left of a lot (remaining) may go down; a correction is a
-- new adjustment, never an edit.
CREATE OR REPLACE FUNCTION kefu_member_points_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'member_points_entries is append-only';
  END IF;
  IF NEW.id <> OLD.id OR NEW.member_id <> OLD.member_id OR NEW.kind <> OLD.kind
     OR NEW.points <> OLD.points OR NEW.reason <> OLD.reason
     OR NEW.activity_id IS DISTINCT FROM OLD.activity_id OR NEW.lot_id IS DISTINCT FROM OLD.lot_id
     OR NEW.expires_at IS DISTINCT FROM OLD.expires_at OR NEW.at <> OLD.at
     OR NEW.remaining > OLD.remaining THEN
    RAISE EXCEPTION 'member_points_entries is append-only';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER member_points_entries_no_edit
  BEFORE UPDATE OR DELETE ON member_points_entries
  FOR EACH ROW EXECUTE FUNCTION kefu_member_points_append_only();
