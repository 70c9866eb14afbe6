ALTER TABLE "work_order_quotes" ADD COLUMN "approval_status" text;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "customer_signer_name" text;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "customer_signature_attachment_id" uuid;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "customer_signed_by" uuid;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "customer_signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "handed_over_to" uuid;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "handed_over_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "handover_note" text;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "invoice_mailed_by" uuid;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "invoice_mailed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD COLUMN "invoice_tracking" text;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_customer_signed_by_users_id_fk" FOREIGN KEY ("customer_signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_handed_over_to_users_id_fk" FOREIGN KEY ("handed_over_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_quotes" ADD CONSTRAINT "work_order_quotes_invoice_mailed_by_users_id_fk" FOREIGN KEY ("invoice_mailed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- PAY-3 / REP-8 move onto the approval engine (decision 0016). Where the shipped chains were already
-- seeded, the two new ones are added at the root (a fresh install seeds them with the others).
INSERT INTO approval_chains (unit_id, kind, position, name_zh, name_en, min_amount_fen, stages, created_at)
SELECT c.unit_id, v.kind, (SELECT max(position) FROM approval_chains x WHERE x.unit_id = c.unit_id) + v.n,
       v.name_zh, v.name_en, v.min_amount_fen, v.stages::jsonb, now()
FROM (SELECT DISTINCT ac.unit_id FROM approval_chains ac JOIN organisation_units u ON u.id = ac.unit_id
      WHERE cardinality(u.path) = 1) c
CROSS JOIN (VALUES
  (1, 'quote', '收费报价：部门负责人审批 → 公司负责人审批',
   'Charged-service quote: department head approves → company head approves', 20000, '[{"key":"department_head","roles":["department_head"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"company_head","roles":["general_manager"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}}]'),
  (2, 'field_record', '售后服务（维修）记录表：品质经理审批 → 总经理审批',
   'Field-service record: quality manager approves → general manager approves', NULL, '[{"key":"quality","roles":["quality_manager"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"general_manager","roles":["general_manager"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}}]')
) AS v(n, kind, name_zh, name_en, min_amount_fen, stages)
WHERE NOT EXISTS (SELECT 1 FROM approval_chains k WHERE k.kind = v.kind);--> statement-breakpoint
-- Quotes already approved by a manager stay approved; the customer's signature is still to come.
UPDATE work_order_quotes SET approval_status = 'approved' WHERE approved_at IS NOT NULL;--> statement-breakpoint
-- Quotes the customer agreed to and no manager approved yet, on open orders: a small charge needs
-- no approval any more; anything else waits on the engine's first stage, asked by whoever recorded
-- the customer's agreement.
UPDATE work_order_quotes q SET approval_status = 'not_required', approved_at = q.customer_confirmed_at
FROM work_orders w
WHERE w.id = q.work_order_id AND q.approved_at IS NULL AND q.customer_confirmed_at IS NOT NULL
  AND w.state NOT IN ('verified', 'closed', 'cancelled')
  AND (SELECT coalesce(sum((l->>'quantity')::bigint * (l->>'unitPriceFen')::bigint), 0)
       FROM jsonb_array_elements(q.lines) l) < 20000;--> statement-breakpoint
INSERT INTO approval_requests (unit_id, subject_type, subject_id, kind, title, amount_fen, requester_id,
  chain_id, stages, status, round, current_stage, awaited_roles, created_at, updated_at)
SELECT w.unit_id, 'work_order_quote', w.id, 'quote',
       '收费报价 ' || w.number || ' · ¥' || to_char(t.total / 100.0, 'FM9999999990.00'), t.total,
       q.customer_confirmed_by, NULL, '[{"key":"department_head","roles":["department_head"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"company_head","roles":["general_manager"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}}]'::jsonb, 'pending', 1, 'department_head',
       ARRAY['department_head'], q.customer_confirmed_at, now()
FROM work_order_quotes q
JOIN work_orders w ON w.id = q.work_order_id
CROSS JOIN LATERAL (SELECT coalesce(sum((l->>'quantity')::bigint * (l->>'unitPriceFen')::bigint), 0)::int AS total
                    FROM jsonb_array_elements(q.lines) l) t
WHERE q.approved_at IS NULL AND q.customer_confirmed_at IS NOT NULL AND q.customer_confirmed_by IS NOT NULL
  AND w.state NOT IN ('verified', 'closed', 'cancelled')
ON CONFLICT (subject_type, subject_id) DO NOTHING;--> statement-breakpoint
UPDATE work_order_quotes q SET approval_status = 'pending'
FROM approval_requests r
WHERE r.subject_type = 'work_order_quote' AND r.subject_id = q.work_order_id AND r.status = 'pending'
  AND q.approval_status IS NULL;--> statement-breakpoint
-- REP-8: every complaint-driven order not yet on its way gets its field record's request, carrying
-- the decisions already taken (quality manager, then general manager; a rejection is a send-back).
INSERT INTO approval_requests (unit_id, subject_type, subject_id, kind, title, amount_fen, requester_id,
  chain_id, stages, status, round, current_stage, awaited_roles, created_at, updated_at)
SELECT w.unit_id, 'work_order_field_record', w.id, 'field_record', '售后服务（维修）记录表 ' || w.number, NULL,
       w.created_by, NULL, '[{"key":"quality","roles":["quality_manager"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"general_manager","roles":["general_manager"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}}]'::jsonb,
       CASE WHEN qa.decision = 'rejected' OR (qa.decision = 'approved' AND ga.decision = 'rejected') THEN 'sent_back'
            WHEN qa.decision = 'approved' AND ga.decision = 'approved' THEN 'approved'
            ELSE 'pending' END,
       1,
       CASE WHEN qa.decision IS NULL THEN 'quality'
            WHEN qa.decision = 'approved' AND ga.decision IS NULL THEN 'general_manager' END,
       CASE WHEN qa.decision IS NULL THEN ARRAY['quality_manager']
            WHEN qa.decision = 'approved' AND ga.decision IS NULL THEN ARRAY['general_manager']
            ELSE ARRAY[]::text[] END,
       w.created_at, now()
FROM work_orders w
LEFT JOIN work_order_approvals qa ON qa.work_order_id = w.id AND qa.stage = 'quality'
LEFT JOIN work_order_approvals ga ON ga.work_order_id = w.id AND ga.stage = 'general'
WHERE w.complaint_driven AND w.departed_at IS NULL AND w.state IN ('new', 'assigned', 'appointment_agreed')
ON CONFLICT (subject_type, subject_id) DO NOTHING;--> statement-breakpoint
INSERT INTO approval_steps (request_id, round, stage, role, decision, by, reason, at)
SELECT r.id, 1, CASE a.stage WHEN 'quality' THEN 'quality' ELSE 'general_manager' END,
       CASE a.stage WHEN 'quality' THEN 'quality_manager' ELSE 'general_manager' END,
       CASE a.decision WHEN 'approved' THEN 'approved' ELSE 'sent_back' END,
       a.by, CASE WHEN a.decision = 'rejected' THEN coalesce(nullif(a.note, ''), '退回') ELSE a.note END, a.at
FROM approval_requests r
JOIN work_order_approvals a ON a.work_order_id = r.subject_id
WHERE r.subject_type = 'work_order_field_record'
  AND (a.stage = 'quality' OR EXISTS (SELECT 1 FROM work_order_approvals q2
       WHERE q2.work_order_id = a.work_order_id AND q2.stage = 'quality' AND q2.decision = 'approved'));--> statement-breakpoint
-- PAY-3: department heads approve quotes and open the order from their inbox.
UPDATE roles SET permissions = array_append(permissions, 'workorders.read')
WHERE code = 'department_head' AND builtin AND NOT ('workorders.read' = ANY(permissions));--> statement-breakpoint
DROP TABLE "work_order_approvals" CASCADE;
