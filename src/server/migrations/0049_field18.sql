ALTER TABLE "work_orders" ADD COLUMN "product_model" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "purchase_date" date;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "facts_clarifications" jsonb DEFAULT '[]'::jsonb NOT NULL;