ALTER TABLE "approval_steps" ADD COLUMN "returned_to" text;--> statement-breakpoint
-- Issue 17: CMP-5 close-out and ORG-3 account opening move onto the approval engine. Requests in
-- flight are carried over so nothing is lost: each gets its engine request with the shipped chain's
-- stages and, for a close-out past its first stage, the approvals already given as steps (the engine
-- replays them to the stage waited on). No time-limit clock is started for them (as in 0040).
-- carry-over: close-out
INSERT INTO "approval_requests" ("unit_id", "subject_type", "subject_id", "kind", "title", "amount_fen", "requester_id", "chain_id", "stages", "status", "round", "current_stage", "awaited_roles", "created_at", "updated_at")
SELECT t."unit_id", 'complaint_close_out', t."id", 'complaint_close_out', t."number" || ' ' || t."subject", NULL, c."close_out_requested_by", NULL,
  '[{"key":"quality_opinion","roles":["quality_manager"],"mode":"any","sendBack":"previous_stage"},{"key":"assessment","roles":["performance_assessor"],"mode":"any","sendBack":"previous_stage"},{"key":"approval","roles":["general_manager"],"mode":"any","sendBack":"previous_stage"}]'::jsonb,
  CASE WHEN c."close_out_stage" = 'returned' THEN 'sent_back' ELSE 'pending' END, 1,
  CASE WHEN c."close_out_stage" = 'returned' THEN NULL ELSE c."close_out_stage" END,
  CASE c."close_out_stage" WHEN 'quality_opinion' THEN ARRAY['quality_manager'] WHEN 'assessment' THEN ARRAY['performance_assessor'] WHEN 'approval' THEN ARRAY['general_manager'] ELSE ARRAY[]::text[] END,
  c."close_out_requested_at", c."close_out_requested_at"
FROM "complaint_records" c JOIN "tickets" t ON t."id" = c."ticket_id"
WHERE c."close_out_stage" IN ('quality_opinion', 'assessment', 'approval', 'returned')
  AND c."close_out_requested_by" IS NOT NULL AND c."close_out_requested_at" IS NOT NULL
  AND t."state" = 'resolved' AND t."resolved_at" IS NOT NULL AND t."resolved_at" <= c."close_out_requested_at"
ON CONFLICT ("subject_type", "subject_id") DO NOTHING;
--> statement-breakpoint
-- carry-over: close-out steps already given
INSERT INTO "approval_steps" ("request_id", "round", "stage", "role", "decision", "by", "on_behalf_of", "reason", "returned_to", "at")
SELECT r."id", 1, s."stage", s."role", 'approved', s."by", NULL, NULL, NULL, s."at"
FROM "approval_requests" r
JOIN "complaint_records" c ON c."ticket_id" = r."subject_id"
CROSS JOIN LATERAL (VALUES
  ('quality_opinion', 'quality_manager', coalesce(c."close_out_quality_by", r."requester_id"), coalesce(c."close_out_quality_at", r."created_at"), c."close_out_stage" IN ('assessment', 'approval')),
  ('assessment', 'performance_assessor', coalesce(c."close_out_assessment_by", r."requester_id"), coalesce(c."close_out_assessment_at", r."created_at"), c."close_out_stage" = 'approval')
) AS s("stage", "role", "by", "at", "given")
WHERE r."subject_type" = 'complaint_close_out' AND r."status" = 'pending' AND s."given"
  AND NOT EXISTS (SELECT 1 FROM "approval_steps" x WHERE x."request_id" = r."id");
--> statement-breakpoint
-- carry-over: account opening
INSERT INTO "approval_requests" ("unit_id", "subject_type", "subject_id", "kind", "title", "amount_fen", "requester_id", "chain_id", "stages", "status", "round", "current_stage", "awaited_roles", "created_at", "updated_at")
SELECT a."unit_id", 'account_request', a."id", 'account_opening', a."display_name" || '（' || a."username" || '）', NULL, a."requested_by", NULL,
  '[{"key":"general_manager","roles":["general_manager"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}}]'::jsonb,
  'pending', 1, 'general_manager', ARRAY['general_manager'], a."requested_at", a."requested_at"
FROM "account_requests" a
WHERE a."status" = 'pending'
ON CONFLICT ("subject_type", "subject_id") DO NOTHING;
