ALTER TABLE "contacts" ADD COLUMN "ringing_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contacts_unit_ringing_idx" ON "contacts" USING btree ("unit_id","ringing_at") WHERE "contacts"."ringing_at" is not null;