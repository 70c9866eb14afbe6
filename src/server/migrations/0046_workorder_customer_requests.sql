CREATE TABLE "work_order_customer_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"booked_start" timestamp with time zone,
	"booked_end" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "diagnosis" jsonb;--> statement-breakpoint
ALTER TABLE "work_order_customer_requests" ADD CONSTRAINT "work_order_customer_requests_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_customer_requests" ADD CONSTRAINT "work_order_customer_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_order_customer_requests_order_idx" ON "work_order_customer_requests" USING btree ("work_order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_customer_requests_pending_key" ON "work_order_customer_requests" USING btree ("work_order_id","kind") WHERE state = 'pending';