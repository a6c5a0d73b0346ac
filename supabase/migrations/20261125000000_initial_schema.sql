-- The seed schema: lead requests, leads, pipelines and pipeline cards, plus the dead-letter log for queues.
-- Row-level security is enabled on every table from the start: with no policy yet, the `anon` and
-- `authenticated` roles see nothing. Workspace policies arrive with the accounts migration.

create or replace function public.set_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create table public.lead_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  description_text text not null,
  filters jsonb not null default '{}'::jsonb,
  status text not null default 'pending'
    check (status in ('pending', 'running', 'completed', 'failed')),
  created_at timestamptz not null default now()
);
create index lead_requests_user_created_idx on public.lead_requests (user_id, created_at desc);

create table public.leads (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  full_name text not null,
  company_name text,
  job_title text,
  location text,
  timezone text,
  contact_channels jsonb not null default '[]'::jsonb,
  source text,
  tags text[] not null default '{}',
  suggested_services text[] not null default '{}',
  best_contact_time jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index leads_user_created_idx on public.leads (user_id, created_at desc);
create trigger leads_set_updated_at before update on public.leads
  for each row execute function public.set_updated_at();

create table public.pipelines (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 120),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger pipelines_set_updated_at before update on public.pipelines
  for each row execute function public.set_updated_at();

create table public.crm_pipelines (
  id uuid primary key default gen_random_uuid(),
  pipeline_id uuid not null references public.pipelines (id) on delete cascade,
  user_id uuid not null,
  lead_id uuid not null references public.leads (id) on delete cascade,
  stage text not null default 'To Contact'
    check (stage in ('To Contact', 'Contacted', 'In Conversation', 'Closed')),
  notes text,
  status text not null default 'open' check (status in ('open', 'won', 'lost')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (pipeline_id, lead_id)
);
create index crm_pipelines_lead_idx on public.crm_pipelines (lead_id);
create trigger crm_pipelines_set_updated_at before update on public.crm_pipelines
  for each row execute function public.set_updated_at();

-- Queue messages that could not be processed (invalid, unknown type, or out of retries) land here so
-- that nothing is lost silently and an operator can inspect and replay them.
create table public.dead_letter_jobs (
  id uuid primary key default gen_random_uuid(),
  queue text not null,
  message_id text not null,
  job_type text,
  body jsonb not null,
  reason text not null,
  attempts integer not null default 0,
  created_at timestamptz not null default now(),
  unique (queue, message_id)
);
create index dead_letter_jobs_created_idx on public.dead_letter_jobs (created_at desc);

alter table public.lead_requests enable row level security;
alter table public.leads enable row level security;
alter table public.pipelines enable row level security;
alter table public.crm_pipelines enable row level security;
alter table public.dead_letter_jobs enable row level security;
