ALTER TABLE "maintenance_contracts" ADD COLUMN "renewal_notice_for" date;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "class_opinion" jsonb;