ALTER TABLE "complaint_records" DROP CONSTRAINT "complaint_records_close_out_decided_by_users_id_fk";
--> statement-breakpoint
DROP INDEX "complaint_records_close_out_idx";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_state";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_opinion";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_assessment";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_decided_by";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_decided_at";--> statement-breakpoint
ALTER TABLE "complaint_records" DROP COLUMN "close_out_reject_reason";