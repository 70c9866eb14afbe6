-- The rows one ticket intake writes (a ticket with five indexes incl. GIN on a tsvector, three SLA
-- targets, a timeline event, an audit row, an idempotency key), and a plain one-row ticket table:
-- what PostgreSQL itself commits for them is the limit bench/intake.bench.ts compares Kefu with.
drop table if exists l_tickets, l_targets, l_events, l_audit, l_keys;
create table l_tickets (id uuid primary key, unit_id uuid not null, number text not null unique, type text not null,
  state text not null, subject text not null, description text, customer_id uuid, assignee_id uuid,
  received_at timestamptz not null, created_at timestamptz not null default now(), next_due_at timestamptz,
  search_vector tsvector);
create index on l_tickets (unit_id, state, next_due_at);
create index on l_tickets (received_at);
create index on l_tickets (customer_id);
create index on l_tickets using gin (search_vector);
create table l_targets (id uuid primary key, subject_id uuid not null, key text not null, state text not null,
  starts_at timestamptz, due_at timestamptz, at_risk_at timestamptz, second_breach_at timestamptz);
create index on l_targets (subject_id);
create index on l_targets (state, due_at);
create index on l_targets (state, at_risk_at);
create table l_events (id uuid primary key, ticket_id uuid not null, type text not null, actor_id uuid, at timestamptz not null, body jsonb);
create index on l_events (ticket_id, at);
create table l_audit (id bigserial primary key, actor_id uuid, action text not null, subject_type text, subject_id uuid, unit_id uuid, at timestamptz not null default now(), after jsonb);
create index on l_audit (subject_id);
create table l_keys (user_id uuid not null, key text not null, ticket_id uuid not null, request_hash text not null, primary key (user_id, key));
drop table if exists limit_tickets;
create table limit_tickets (id bigserial primary key, queue_id int not null, status text not null,
  requester text not null, subject text not null, body text not null,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now());
create index on limit_tickets (queue_id, status, id);
create index on limit_tickets (requester, created_at);
