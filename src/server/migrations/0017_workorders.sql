CREATE TABLE "maintenance_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"asset_id" uuid,
	"number" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"price_fen" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_quotes" (
	"work_order_id" uuid PRIMARY KEY NOT NULL,
	"lines" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"service_confirmed_by" uuid,
	"service_confirmed_at" timestamp with time zone,
	"parts_confirmed_by" uuid,
	"parts_confirmed_at" timestamp with time zone,
	"customer_confirmed_how" text,
	"customer_confirmed_note" text,
	"customer_confirmed_by" uuid,
	"customer_confirmed_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"payment_method" text,
	"payment_amount_fen" integer,
	"payment_invoice_title" text,
	"payment_note" text,
	"payment_by" uuid,
	"payment_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_profiles" (
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"areas" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "technician_profiles_user_id_unit_id_pk" PRIMARY KEY("user_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "work_order_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"signer_name" text NOT NULL,
	"signature_attachment_id" uuid NOT NULL,
	"rating_service" integer,
	"rating_workmanship" integer,
	"rating_punctuality" integer,
	"rating_attitude" integer,
	"comment" text,
	"via" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"end" timestamp with time zone NOT NULL,
	"reason" text,
	"customer_consent" boolean NOT NULL,
	"by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_approvals" (
	"work_order_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"decision" text NOT NULL,
	"note" text,
	"by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "work_order_approvals_work_order_id_stage_pk" PRIMARY KEY("work_order_id","stage")
);
--> statement-breakpoint
CREATE TABLE "work_order_number_counters" (
	"unit_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "work_order_number_counters_unit_id_local_date_pk" PRIMARY KEY("unit_id","local_date")
);
--> statement-breakpoint
CREATE TABLE "work_order_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"price_item_id" uuid,
	"quantity_used" integer NOT NULL,
	"quantity_returned" integer NOT NULL,
	"unit_price_fen" integer
);
--> statement-breakpoint
CREATE TABLE "work_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"type" text NOT NULL,
	"state" text NOT NULL,
	"ticket_id" uuid,
	"customer_id" uuid,
	"asset_id" uuid,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"problem" text NOT NULL,
	"required_skill" text,
	"area" text,
	"parts_needed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text DEFAULT 'after_sales' NOT NULL,
	"fault_cause" text DEFAULT 'unknown' NOT NULL,
	"service_class" text NOT NULL,
	"service_class_reason_code" text NOT NULL,
	"service_class_reason" text NOT NULL,
	"service_class_set_by" uuid,
	"complaint_driven" boolean DEFAULT false NOT NULL,
	"technician_id" uuid,
	"appointment_start" timestamp with time zone,
	"appointment_end" timestamp with time zone,
	"reminder_at" timestamp with time zone,
	"checklist" jsonb,
	"late_notice" jsonb,
	"visit" jsonb,
	"receipt" jsonb,
	"return_booked" boolean DEFAULT false NOT NULL,
	"verification_due_at" timestamp with time zone,
	"verified_by" uuid,
	"verification_late" boolean,
	"verification_note" text,
	"cancel_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"assigned_at" timestamp with time zone,
	"appointment_agreed_at" timestamp with time zone,
	"departed_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"carried_in_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maintenance_contracts" ADD CONSTRAINT "maintenance_contracts_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_contracts" ADD CONSTRAINT "maintenance_contracts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_items" ADD CONSTRAINT "price_items_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_service_confirmed_by_users_id_fk" FOREIGN KEY ("service_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_parts_confirmed_by_users_id_fk" FOREIGN KEY ("parts_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_customer_confirmed_by_users_id_fk" FOREIGN KEY ("customer_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_payment_by_users_id_fk" FOREIGN KEY ("payment_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_profiles" ADD CONSTRAINT "technician_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_profiles" ADD CONSTRAINT "technician_profiles_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_acceptances" ADD CONSTRAINT "work_order_acceptances_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_appointments" ADD CONSTRAINT "work_order_appointments_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_appointments" ADD CONSTRAINT "work_order_appointments_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_approvals" ADD CONSTRAINT "work_order_approvals_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_approvals" ADD CONSTRAINT "work_order_approvals_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_number_counters" ADD CONSTRAINT "work_order_number_counters_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_parts" ADD CONSTRAINT "work_order_parts_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_service_class_set_by_users_id_fk" FOREIGN KEY ("service_class_set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maintenance_contracts_customer_idx" ON "maintenance_contracts" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "price_items_unit_code_key" ON "price_items" USING btree ("unit_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "work_order_acceptances_kind_key" ON "work_order_acceptances" USING btree ("work_order_id","kind");--> statement-breakpoint
CREATE INDEX "work_order_appointments_order_idx" ON "work_order_appointments" USING btree ("work_order_id","at");--> statement-breakpoint
CREATE INDEX "work_order_parts_order_idx" ON "work_order_parts" USING btree ("work_order_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "work_orders_unit_number_key" ON "work_orders" USING btree ("unit_id","number");--> statement-breakpoint
CREATE INDEX "work_orders_number_idx" ON "work_orders" USING btree ("number");--> statement-breakpoint
CREATE INDEX "work_orders_unit_state_idx" ON "work_orders" USING btree ("unit_id","state");--> statement-breakpoint
CREATE INDEX "work_orders_technician_start_idx" ON "work_orders" USING btree ("technician_id","appointment_start");--> statement-breakpoint
CREATE INDEX "work_orders_ticket_idx" ON "work_orders" USING btree ("ticket_id");