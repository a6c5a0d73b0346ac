-- Live events go through a transactional outbox (issue 13 items 9 and 10, decision 012): a service records the
-- event in the same transaction as the change, and after commit the topic's room delivers it and marks it.
-- A failed transaction leaves no event; a failed push leaves an undelivered row that a sweep delivers later.

-- Per-card version: incremented by the UPDATE that changes the card, under the row lock, so commit order and
-- version order agree (updated_at is the transaction's start time and cannot order concurrent moves).
alter table public.crm_pipelines add column version bigint not null default 1;

-- One counter per (workspace, topic). Taking the next number locks the counter row until commit, so per topic
-- the sequence is gapless and in commit order: a room reading undelivered rows always sees a prefix.
create table public.live_topics (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  topic text not null check (topic ~ '^[A-Za-z0-9_-]{1,100}$'),
  last_seq bigint not null default 0,
  primary key (workspace_id, topic)
);

create table public.live_events (
  id bigint generated always as identity primary key,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  topic text not null check (topic ~ '^[A-Za-z0-9_-]{1,100}$'),
  seq bigint not null,
  type text not null check (length(type) between 1 and 100),
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  unique (workspace_id, topic, seq)
);
create index live_events_undelivered_idx on public.live_events (created_at) where delivered_at is null;

-- Only the service role reads and writes these tables; users write events solely through the function below.
alter table public.live_topics enable row level security;
alter table public.live_topics force row level security;
alter table public.live_events enable row level security;
alter table public.live_events force row level security;
create policy live_topics_service on public.live_topics for all to service_role using (true) with check (true);
create policy live_events_service on public.live_events for all to service_role using (true) with check (true);
revoke all on public.live_topics, public.live_events from anon, authenticated;
grant select, insert, update, delete on public.live_topics, public.live_events to service_role;

-- Services write events from inside the caller's transaction (role authenticated under RLS), so the write goes
-- through a definer function that checks membership. It lives outside `public` so Supabase's REST API does not
-- expose it: a member must not be able to forge events for their teammates' screens.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create function private.record_live_event(p_workspace uuid, p_topic text, p_type text, p_payload jsonb)
returns bigint
language plpgsql security definer set search_path = '' as $$
declare
  next_seq bigint;
begin
  if coalesce(current_setting('role', true), '') <> 'service_role' and not public.is_workspace_member(p_workspace) then
    raise exception 'not a member of workspace %', p_workspace using errcode = '42501';
  end if;
  insert into public.live_topics as t (workspace_id, topic, last_seq) values (p_workspace, p_topic, 1)
    on conflict (workspace_id, topic) do update set last_seq = t.last_seq + 1
    returning t.last_seq into next_seq;
  insert into public.live_events (workspace_id, topic, seq, type, payload) values (p_workspace, p_topic, next_seq, p_type, p_payload);
  return next_seq;
end
$$;
revoke execute on function private.record_live_event(uuid, text, text, jsonb) from public, anon;
grant execute on function private.record_live_event(uuid, text, text, jsonb) to authenticated, service_role;
