CREATE TABLE "old_part_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"work_order_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"note" text,
	"collected_by" uuid NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"warehouse_id" uuid,
	"received_by" uuid,
	"received_at" timestamp with time zone,
	CONSTRAINT "old_part_returns_quantity_positive" CHECK ("old_part_returns"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "part_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_location_id" uuid,
	"to_location_id" uuid,
	"quantity" integer NOT NULL,
	"work_order_id" uuid,
	"reason" text,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "part_movements_quantity_positive" CHECK ("part_movements"."quantity" > 0),
	CONSTRAINT "part_movements_has_a_side" CHECK ("part_movements"."from_location_id" is not null or "part_movements"."to_location_id" is not null),
	CONSTRAINT "part_movements_distinct_sides" CHECK ("part_movements"."from_location_id" is null or "part_movements"."to_location_id" is null or "part_movements"."from_location_id" <> "part_movements"."to_location_id")
);
--> statement-breakpoint
CREATE TABLE "part_stock" (
	"location_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "part_stock_location_id_part_id_pk" PRIMARY KEY("location_id","part_id"),
	CONSTRAINT "part_stock_quantity_not_negative" CHECK ("part_stock"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"model" text,
	"uom" text NOT NULL,
	"price_fen" integer NOT NULL,
	"low_stock_threshold" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parts_price_not_negative" CHECK ("parts"."price_fen" >= 0),
	CONSTRAINT "parts_threshold_not_negative" CHECK ("parts"."low_stock_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"technician_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_locations_van_has_technician" CHECK (("stock_locations"."kind" = 'van') = ("stock_locations"."technician_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_collected_by_users_id_fk" FOREIGN KEY ("collected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_warehouse_id_stock_locations_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_movements" ADD CONSTRAINT "part_movements_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_movements" ADD CONSTRAINT "part_movements_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_movements" ADD CONSTRAINT "part_movements_from_location_id_stock_locations_id_fk" FOREIGN KEY ("from_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_movements" ADD CONSTRAINT "part_movements_to_location_id_stock_locations_id_fk" FOREIGN KEY ("to_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_movements" ADD CONSTRAINT "part_movements_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_movements" ADD CONSTRAINT "part_movements_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_stock" ADD CONSTRAINT "part_stock_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_stock" ADD CONSTRAINT "part_stock_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts" ADD CONSTRAINT "parts_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_unit_id_organisation_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organisation_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_locations" ADD CONSTRAINT "stock_locations_technician_id_users_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "old_part_returns_unit_pending_idx" ON "old_part_returns" USING btree ("unit_id","received_at");--> statement-breakpoint
CREATE INDEX "part_movements_unit_at_idx" ON "part_movements" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "part_movements_work_order_idx" ON "part_movements" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "part_stock_part_idx" ON "part_stock" USING btree ("part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_unit_code_key" ON "parts" USING btree ("unit_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_unit_name_key" ON "stock_locations" USING btree ("unit_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_unit_van_key" ON "stock_locations" USING btree ("unit_id","technician_id");--> statement-breakpoint
-- Issue 18: a movement moves the balances in the same statement, so the journal and part_stock can
-- never disagree; the CHECK part_stock_quantity_not_negative refuses a movement that would take
-- more than the source holds (a missing balance row counts as zero and is refused the same way).
CREATE OR REPLACE FUNCTION kefu_part_movements_apply() RETURNS trigger AS $$
BEGIN
  IF NEW.from_location_id IS NOT NULL THEN
    -- An UPDATE, not INSERT … ON CONFLICT: the CHECK would refuse the negative proposed row even
    -- when a balance exists. With no balance row the INSERT of a negative one is refused the same way.
    UPDATE part_stock SET quantity = quantity - NEW.quantity
      WHERE location_id = NEW.from_location_id AND part_id = NEW.part_id;
    IF NOT FOUND THEN
      INSERT INTO part_stock (location_id, part_id, quantity)
        VALUES (NEW.from_location_id, NEW.part_id, -NEW.quantity);
    END IF;
  END IF;
  IF NEW.to_location_id IS NOT NULL THEN
    INSERT INTO part_stock (location_id, part_id, quantity)
      VALUES (NEW.to_location_id, NEW.part_id, NEW.quantity)
      ON CONFLICT (location_id, part_id) DO UPDATE SET quantity = part_stock.quantity + NEW.quantity;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER part_movements_apply
  AFTER INSERT ON part_movements
  FOR EACH ROW EXECUTE FUNCTION kefu_part_movements_apply();
--> statement-breakpoint
-- The journal is append-only: a correction is a new adjustment, never an edit.
CREATE OR REPLACE FUNCTION kefu_part_movements_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'part_movements is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER part_movements_no_update_or_delete
  BEFORE UPDATE OR DELETE ON part_movements
  FOR EACH ROW EXECUTE FUNCTION kefu_part_movements_is_append_only();
