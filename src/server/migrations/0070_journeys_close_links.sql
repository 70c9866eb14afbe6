CREATE TABLE "journey_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"journey_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"stage" text,
	"linked_by" uuid,
	"linked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "journeys" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "journeys" ADD COLUMN "cancellation" jsonb;--> statement-breakpoint
ALTER TABLE "journeys" ADD COLUMN "source_work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "journey_links" ADD CONSTRAINT "journey_links_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_links" ADD CONSTRAINT "journey_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "journey_links_journey_subject_idx" ON "journey_links" USING btree ("journey_id","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "journey_links_subject_idx" ON "journey_links" USING btree ("subject_type","subject_id");--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_source_work_order_id_work_orders_id_fk" FOREIGN KEY ("source_work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "journeys_source_work_order_idx" ON "journeys" USING btree ("source_work_order_id");--> statement-breakpoint
-- JRN-2: the shipped home-decoration template (version 1, seeded without an author) learns that the
-- measuring visit's deposit is credited with the contract and forfeited when the project ends without one.
UPDATE "journey_templates"
SET "definition" = jsonb_set("definition", '{stages,1,deposit}', '{"field":"depositFen","creditedWhenLeft":"contract"}'::jsonb)
WHERE "code" = 'home_decoration' AND "version" = 1 AND "created_by" IS NULL
  AND "definition" -> 'stages' -> 1 ->> 'key' = 'measuring'
  AND NOT ("definition" -> 'stages' -> 1 ? 'deposit');
