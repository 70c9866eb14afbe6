ALTER TABLE "tickets" ALTER COLUMN "intake_agent_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "complaint_records" ADD COLUMN "close_out_assessment_counts" boolean;--> statement-breakpoint
ALTER TABLE "organisation_units" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "organisation_units" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "organisation_units" ADD COLUMN "service_phone" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "intake_origin" text DEFAULT 'staff' NOT NULL;