CREATE TABLE "report_call_hours" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"hour" integer NOT NULL,
	"agent_id" uuid,
	"offered" integer NOT NULL,
	"answered" integer NOT NULL,
	"answered_in_target" integer NOT NULL,
	"abandoned" integer NOT NULL,
	"ringing" integer NOT NULL,
	"answer_ms" bigint NOT NULL,
	"talked" integer NOT NULL,
	"talk_seconds" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_call_hours_unit_day_idx" ON "report_call_hours" USING btree ("unit_id","day");