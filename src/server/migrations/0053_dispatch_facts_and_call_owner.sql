ALTER TABLE "care_tasks" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "product_model" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "purchase_date" date;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "facts_clarifications" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD CONSTRAINT "care_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;