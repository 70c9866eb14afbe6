ALTER TABLE "organisation_units" ADD COLUMN "business_type" text;--> statement-breakpoint
ALTER TABLE "work_order_acceptances" ADD COLUMN "template" text;--> statement-breakpoint
ALTER TABLE "work_order_acceptances" ADD COLUMN "ratings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_acceptances" ADD COLUMN "items" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- SAT-1: ratings become data. Every stored rating moves into the jsonb, under the repair template it
-- was given on; nothing is lost (a receipt row had no ratings and keeps none).
UPDATE "work_order_acceptances" SET
  "ratings" = jsonb_strip_nulls(jsonb_build_object(
    'service', "rating_service",
    'workmanship', "rating_workmanship",
    'punctuality', "rating_punctuality",
    'attitude', "rating_attitude")),
  "template" = CASE WHEN "kind" = 'receipt' THEN NULL ELSE 'repair' END;--> statement-breakpoint
-- A business type for existing units where the name says it; the rest take it from above ('other' at the top).
UPDATE "organisation_units" SET "business_type" = CASE
  WHEN "name" ~ '(汽车|汽修|4S|车行)' THEN 'auto_repair'
  WHEN "name" ~ '(家具|家居)' THEN 'furniture'
  WHEN "name" ~ '(家装|装饰|装修)' THEN 'home_decoration'
  WHEN "name" ~ '(物业)' THEN 'property'
  WHEN "name" ~ '(地产|置业)' THEN 'real_estate'
  WHEN "name" ~ '(电商|网店|旗舰店)' THEN 'ecommerce'
  WHEN "name" ~ '(安装)' AND "kind" <> 'department' THEN 'installer'
  END
WHERE "kind" <> 'department';--> statement-breakpoint
ALTER TABLE "work_order_acceptances" DROP COLUMN "rating_service";--> statement-breakpoint
ALTER TABLE "work_order_acceptances" DROP COLUMN "rating_workmanship";--> statement-breakpoint
ALTER TABLE "work_order_acceptances" DROP COLUMN "rating_punctuality";--> statement-breakpoint
ALTER TABLE "work_order_acceptances" DROP COLUMN "rating_attitude";