CREATE TABLE "report_month_basis" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"cut_off_day" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_ticket_days" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"type" text NOT NULL,
	"dim" text NOT NULL,
	"value" text,
	"tickets" integer NOT NULL,
	"complaints" integer NOT NULL,
	"product_caused" integer NOT NULL,
	"assessed" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_ticket_months" (
	"unit_id" uuid NOT NULL,
	"period" date NOT NULL,
	"type" text NOT NULL,
	"dim" text NOT NULL,
	"value" text,
	"tickets" integer NOT NULL,
	"complaints" integer NOT NULL,
	"product_caused" integer NOT NULL,
	"assessed" integer NOT NULL,
	CONSTRAINT "report_ticket_months_key" UNIQUE NULLS NOT DISTINCT("unit_id","period","type","dim","value")
);
--> statement-breakpoint
DROP TABLE "report_ticket_daily" CASCADE;--> statement-breakpoint
CREATE INDEX "report_ticket_days_unit_day_idx" ON "report_ticket_days" USING btree ("unit_id","day");--> statement-breakpoint
ALTER TABLE "report_dirty_days" DROP COLUMN "id";