ALTER TABLE "complaint_cause_analyses" ADD COLUMN "convenor" text DEFAULT 'management_representative' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaint_cause_analyses" ADD COLUMN "minutes_keeper" text DEFAULT 'sales' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_stage" text;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_request_note" text;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_quality_opinion" text;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_quality_by" uuid;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_quality_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_assessment_note" text;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_assessment_by" uuid;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_assessment_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_approval_note" text;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_approved_by" uuid;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_returned_from" text;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_return_reason" text;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_returned_by" uuid;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "archived_by" uuid;--> statement-breakpoint
ALTER TABLE "complaint_settings" ADD COLUMN "cause_analysis_trigger" text DEFAULT 'product_complaints' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_close_out_quality_by_users_id_fk" FOREIGN KEY ("close_out_quality_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_close_out_assessment_by_users_id_fk" FOREIGN KEY ("close_out_assessment_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_close_out_approved_by_users_id_fk" FOREIGN KEY ("close_out_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_close_out_returned_by_users_id_fk" FOREIGN KEY ("close_out_returned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD CONSTRAINT "complaint_records_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_records_close_out_stage_idx" ON "complaint_records" USING btree ("close_out_stage","close_out_requested_at");--> statement-breakpoint
-- CMP-5: close-outs made under the single-step rule move onto the chain. The agent's old opinion
-- and assessment check become the request's note; a pending request waits for the quality lead;
-- an approved one is filed by its approver; a rejected one reads as sent back by the approval step.
UPDATE "complaint_records" SET
  "close_out_request_note" = "close_out_opinion"
    || COALESCE(E'\n' || CASE WHEN ("close_out_assessment"->>'counts')::boolean THEN '计入考核' ELSE '不计入考核' END
    || COALESCE('：' || ("close_out_assessment"->>'note'), ''), ''),
  "close_out_stage" = CASE "close_out_state"
    WHEN 'pending' THEN 'quality_opinion'
    WHEN 'approved' THEN 'filed'
    ELSE 'returned' END,
  "close_out_approved_by" = CASE WHEN "close_out_state" = 'approved' THEN "close_out_decided_by" END,
  "close_out_approved_at" = CASE WHEN "close_out_state" = 'approved' THEN "close_out_decided_at" END,
  "archived_by" = CASE WHEN "close_out_state" = 'approved' AND "archived_at" IS NOT NULL THEN "close_out_decided_by" END,
  "close_out_returned_from" = CASE WHEN "close_out_state" = 'rejected' THEN 'approval' END,
  "close_out_return_reason" = CASE WHEN "close_out_state" = 'rejected' THEN "close_out_reject_reason" END,
  "close_out_returned_by" = CASE WHEN "close_out_state" = 'rejected' THEN "close_out_decided_by" END,
  "close_out_returned_at" = CASE WHEN "close_out_state" = 'rejected' THEN "close_out_decided_at" END
WHERE "close_out_state" IS NOT NULL;

--> statement-breakpoint
ALTER TABLE "complaint_records" DROP CONSTRAINT "complaint_records_close_out_decided_by_users_id_fk";
--> statement-breakpoint
DROP INDEX "complaint_records_close_out_idx";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_state";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_opinion";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_assessment";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_decided_by";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_decided_at";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_reject_reason";