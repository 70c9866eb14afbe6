-- RET-9: the online shop's return and exchange chains. A database whose shipped chains were seeded
-- before this release has none of these kinds (the engine seeds the defaults only into an empty chain
-- table), so they are added at each root that holds chains, after its own, as the engine would have.
INSERT INTO "approval_chains" ("unit_id", "kind", "position", "name_zh", "name_en", "stages", "created_at")
SELECT r."unit_id", k."kind", r."last" + k."n", k."name_zh", k."name_en", k."stages"::jsonb, now()
FROM (
  SELECT c."unit_id", max(c."position") AS "last"
  FROM "approval_chains" c
  JOIN "organisation_units" u ON u."id" = c."unit_id"
  WHERE u."parent_id" IS NULL
  GROUP BY c."unit_id"
) r
CROSS JOIN (VALUES
  (1, 'online_return', '网店退货：收件联系顾客 → 网店管理员退款 → 网店 ERP 登记 → 快递跟踪组 → 物流仓库', 'Online return: parcel received, customer contacted → shop administrator refunds → logged in the shop''s ERP → parcel tracking → logistics warehouse', '[{"key":"parcel_received","roles":["online_shop_admin","agent","cs_supervisor"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"shop_refund","roles":["online_shop_admin"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"shop_erp_logged","roles":["online_shop_admin"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"parcel_tracking","roles":["parcel_tracking"],"mode":"any","timeLimit":{"unit":"working_days","amount":2}},{"key":"logistics_warehouse","roles":["warehouse"],"mode":"any","timeLimit":{"unit":"working_days","amount":2}}]'),
  (2, 'online_exchange', '网店换货：收件联系顾客 → 网店管理员安排换货 → 网店 ERP 登记 → 快递跟踪组 → 物流仓库', 'Online exchange: parcel received, customer contacted → shop administrator sends the replacement → logged in the shop''s ERP → parcel tracking → logistics warehouse', '[{"key":"parcel_received","roles":["online_shop_admin","agent","cs_supervisor"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"shop_exchange","roles":["online_shop_admin"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"shop_erp_logged","roles":["online_shop_admin"],"mode":"any","timeLimit":{"unit":"working_days","amount":1}},{"key":"parcel_tracking","roles":["parcel_tracking"],"mode":"any","timeLimit":{"unit":"working_days","amount":2}},{"key":"logistics_warehouse","roles":["warehouse"],"mode":"any","timeLimit":{"unit":"working_days","amount":2}}]')
) AS k("n", "kind", "name_zh", "name_en", "stages")
WHERE NOT EXISTS (
  SELECT 1 FROM "approval_chains" x WHERE x."unit_id" = r."unit_id" AND x."kind" = k."kind"
);
--> statement-breakpoint
-- orders.import now also covers the Excel import (it used orders.manage), and the default store
-- manager and customer-service supervisor carry it. Forgetting that the permission was seen makes
-- start-up hand it, as new in this release, to the default roles that carry it (audited as
-- org.role.permissions_introduced); roles an administrator edited otherwise keep their edits.
DELETE FROM "known_permissions" WHERE "code" = 'orders.import';
