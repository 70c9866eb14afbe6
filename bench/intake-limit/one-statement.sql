-- One intake written as one statement (CTEs): the fewest round trips a server could use.
\set n random(1, 2000000000)
WITH t AS (INSERT INTO l_tickets (id, unit_id, number, type, state, subject, description, customer_id, received_at, next_due_at, search_vector)
 VALUES (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'T' || :n || '-' || :client_id || '-' || txid_current(), 'repair', 'new',
 '冰箱不制冷，师傅上门检查后仍然不好', '客户反映上周购买的冰箱不制冷，已经联系过一次，希望尽快安排师傅上门维修，并说明是否在保修期内。联系电话13800001111。', gen_random_uuid(), now(), now() + interval '1 day',
 to_tsvector('simple', '冰箱 不 制冷 师傅 上门 检查 仍然 不好 客户 反映 上周 购买 联系 安排 维修 保修期')) RETURNING id),
 g AS (INSERT INTO l_targets SELECT gen_random_uuid(), t.id, k, 'on_track', now(), now() + interval '1 day', now() + interval '20 hours', now() + interval '2 days' FROM t, unnest(array['contact','solution','follow_up']) k),
 e AS (INSERT INTO l_events SELECT gen_random_uuid(), t.id, 'created', gen_random_uuid(), now(), '{"channel":"phone"}' FROM t),
 a AS (INSERT INTO l_audit (actor_id, action, subject_type, subject_id, unit_id, after) SELECT gen_random_uuid(), 'tickets.created', 'ticket', t.id, gen_random_uuid(), '{"type":"repair"}' FROM t)
INSERT INTO l_keys SELECT gen_random_uuid(), 'k' || :n, t.id, md5(:n::text) FROM t;
