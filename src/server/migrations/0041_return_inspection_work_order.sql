ALTER TABLE "return_requests" ADD COLUMN "inspection_work_order_id" uuid;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "inspected_by" uuid;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "inspected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "inspected_in_store" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_inspection_work_order_id_work_orders_id_fk" FOREIGN KEY ("inspection_work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_inspected_by_users_id_fk" FOREIGN KEY ("inspected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_requests_inspection_work_order_idx" ON "return_requests" USING btree ("inspection_work_order_id");