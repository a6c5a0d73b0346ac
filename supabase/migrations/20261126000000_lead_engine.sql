-- Lead generation engine: request lifecycle and results, per-lead ranking explanation and provenance, and a
-- shared cache of source responses (paid API calls are not repeated within the TTL).

alter table public.lead_requests drop constraint lead_requests_status_check;
update public.lead_requests set status = 'queued' where status = 'pending';
alter table public.lead_requests
  alter column status set default 'queued',
  add constraint lead_requests_status_check check (status in ('queued', 'running', 'completed', 'failed')),
  add column icp jsonb,
  add column requested_sources text[] not null default '{}',
  add column result_limit integer not null default 25 check (result_limit between 1 and 100),
  add column source_results jsonb not null default '[]'::jsonb,
  add column llm jsonb,
  add column error text,
  add column started_at timestamptz,
  add column finished_at timestamptz,
  add column duration_ms integer;
alter table public.lead_requests add constraint lead_requests_id_workspace_key unique (id, workspace_id);

alter table public.leads
  add column score_breakdown jsonb,
  add column score_reasons text[] not null default '{}',
  add column main_channel_reason text,
  add column sources text[] not null default '{}',
  add column source_refs jsonb not null default '{}'::jsonb,
  add column provenance jsonb not null default '{}'::jsonb,
  add column signals text[] not null default '{}',
  add column last_request_id uuid,
  add column enriched_at timestamptz;
update public.leads set sources = array[source] where source is not null;

-- The ranked result of one request; a lead found again by a later request keeps both rows.
create table public.lead_request_leads (
  request_id uuid not null,
  lead_id uuid not null,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  rank integer not null check (rank >= 1),
  score integer not null check (score between 0 and 100),
  primary key (request_id, lead_id),
  foreign key (request_id, workspace_id) references public.lead_requests (id, workspace_id) on delete cascade,
  foreign key (lead_id, workspace_id) references public.leads (id, workspace_id) on delete cascade
);
create index lead_request_leads_lead_idx on public.lead_request_leads (lead_id);
create index lead_request_leads_rank_idx on public.lead_request_leads (request_id, rank);

alter table public.lead_request_leads enable row level security;
alter table public.lead_request_leads force row level security;
create policy lead_request_leads_member on public.lead_request_leads for all to authenticated
  using (workspace_id in (select public.my_workspace_ids()))
  with check (workspace_id in (select public.my_workspace_ids()));

-- Responses of third-party sources, keyed by a hash of provider + request. Holds no tenant data that the
-- key does not already imply, and only the service role reads or writes it.
create table public.source_cache (
  key text primary key,
  source text not null,
  value jsonb not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index source_cache_expires_idx on public.source_cache (expires_at);
alter table public.source_cache enable row level security;
alter table public.source_cache force row level security;
create policy source_cache_service on public.source_cache for all to service_role using (true) with check (true);
revoke all on public.source_cache from anon, authenticated;
grant select, insert, update, delete on public.source_cache to service_role;
grant select, insert, update, delete on public.lead_request_leads to authenticated, service_role;
