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
CREATE INDEX "complaint_records_close_out_stage_idx" ON "complaint_records" USING btree ("close_out_stage","close_out_requested_at");