-- CRM pipeline: dedupe keys and summary fields on leads, ordered cards, notes and stage history.

alter table public.leads
  add column email text,
  add column phone text,
  add column linkedin_url text,
  add column company_domain text,
  add column name_key text,
  add column seniority text,
  add column industry text,
  add column company_size integer check (company_size is null or company_size >= 0),
  add column annual_revenue bigint check (annual_revenue is null or annual_revenue >= 0),
  add column city text,
  add column region text,
  add column country text,
  add column main_channel text,
  add column score integer check (score is null or score between 0 and 100);

-- A lead is the same person when any of these match inside a workspace: never stored twice.
create unique index leads_ws_email_key on public.leads (workspace_id, lower(email)) where email is not null;
create unique index leads_ws_phone_key on public.leads (workspace_id, phone) where phone is not null;
create unique index leads_ws_linkedin_key on public.leads (workspace_id, linkedin_url) where linkedin_url is not null;
create unique index leads_ws_domain_name_key on public.leads (workspace_id, company_domain, name_key)
  where company_domain is not null and name_key is not null;

-- Cards are ordered by fractional rank keys (byte order, hence "C"), so a move rewrites one row only.
alter table public.crm_pipelines add column rank text collate "C";
update public.crm_pipelines set rank = 'a0' where rank is null;
alter table public.crm_pipelines alter column rank set not null;
create unique index crm_pipelines_column_rank_key on public.crm_pipelines (pipeline_id, stage, rank);

create table public.pipeline_card_notes (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  card_id uuid not null references public.crm_pipelines (id) on delete cascade,
  author_id uuid references auth.users (id) on delete set null,
  body text not null check (length(btrim(body)) between 1 and 10000),
  created_at timestamptz not null default now()
);
create index pipeline_card_notes_card_idx on public.pipeline_card_notes (card_id, created_at);

create table public.pipeline_card_events (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  card_id uuid not null references public.crm_pipelines (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null,
  type text not null check (type in ('created', 'moved', 'reordered', 'status_changed')),
  from_stage text,
  to_stage text,
  from_status text,
  to_status text,
  created_at timestamptz not null default now()
);
create index pipeline_card_events_card_idx on public.pipeline_card_events (card_id, created_at);

create policy pipeline_card_notes_member on public.pipeline_card_notes for all to authenticated
  using (public.is_workspace_member(workspace_id)) with check (public.is_workspace_member(workspace_id));
create policy pipeline_card_events_member on public.pipeline_card_events for all to authenticated
  using (public.is_workspace_member(workspace_id)) with check (public.is_workspace_member(workspace_id));
alter table public.pipeline_card_notes enable row level security;
alter table public.pipeline_card_notes force row level security;
alter table public.pipeline_card_events enable row level security;
alter table public.pipeline_card_events force row level security;

-- A card may only point at a lead and a pipeline of its own workspace (foreign keys bypass RLS, so the
-- tenant has to be part of the key).
alter table public.leads add constraint leads_id_workspace_key unique (id, workspace_id);
alter table public.pipelines add constraint pipelines_id_workspace_key unique (id, workspace_id);
alter table public.crm_pipelines
  add constraint crm_pipelines_lead_same_workspace foreign key (lead_id, workspace_id)
    references public.leads (id, workspace_id) on delete cascade,
  add constraint crm_pipelines_pipeline_same_workspace foreign key (pipeline_id, workspace_id)
    references public.pipelines (id, workspace_id) on delete cascade;
alter table public.crm_pipelines add constraint crm_pipelines_id_workspace_key unique (id, workspace_id);
alter table public.pipeline_card_notes
  add constraint pipeline_card_notes_card_same_workspace foreign key (card_id, workspace_id)
    references public.crm_pipelines (id, workspace_id) on delete cascade;
alter table public.pipeline_card_events
  add constraint pipeline_card_events_card_same_workspace foreign key (card_id, workspace_id)
    references public.crm_pipelines (id, workspace_id) on delete cascade;
