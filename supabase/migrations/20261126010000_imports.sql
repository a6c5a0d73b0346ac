-- CSV imports: the uploaded file in chunks (cut at line ends, processed by the enrichment queue one chunk per
-- job), row errors with their 1-based data-row number, and named lead lists the imported leads join.

create table public.lead_lists (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  created_by uuid references auth.users (id) on delete set null,
  name text not null check (length(name) between 1 and 120),
  created_at timestamptz not null default now(),
  unique (workspace_id, name),
  unique (id, workspace_id)
);

create table public.lead_list_members (
  list_id uuid not null,
  lead_id uuid not null,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  added_at timestamptz not null default now(),
  primary key (list_id, lead_id),
  foreign key (list_id, workspace_id) references public.lead_lists (id, workspace_id) on delete cascade,
  foreign key (lead_id, workspace_id) references public.leads (id, workspace_id) on delete cascade
);
create index lead_list_members_lead_idx on public.lead_list_members (lead_id);

create table public.imports (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  created_by uuid references auth.users (id) on delete set null,
  list_id uuid,
  list_name text not null,
  file_name text,
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  encoding text not null,
  delimiter text not null,
  headers text[] not null,
  mapping jsonb not null,
  source text not null default 'import',
  total_bytes bigint not null default 0,
  chunk_count integer not null default 0,
  next_seq integer not null default 0,
  carry text not null default '',
  total_rows integer not null default 0,
  imported integer not null default 0,
  merged integer not null default 0,
  failed integer not null default 0,
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  unique (id, workspace_id),
  foreign key (list_id, workspace_id) references public.lead_lists (id, workspace_id) on delete set null (list_id)
);
create index imports_workspace_idx on public.imports (workspace_id, created_at desc);

create table public.import_chunks (
  import_id uuid not null,
  seq integer not null,
  workspace_id uuid not null,
  data bytea not null,
  primary key (import_id, seq),
  foreign key (import_id, workspace_id) references public.imports (id, workspace_id) on delete cascade
);

create table public.import_errors (
  import_id uuid not null,
  row_number integer not null,
  workspace_id uuid not null,
  column_name text,
  message text not null,
  raw text,
  primary key (import_id, row_number),
  foreign key (import_id, workspace_id) references public.imports (id, workspace_id) on delete cascade
);

do $$
declare t text;
begin
  foreach t in array array['lead_lists', 'lead_list_members', 'imports', 'import_chunks', 'import_errors'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('alter table public.%I force row level security', t);
    execute format(
      'create policy %I on public.%I for all to authenticated
         using (workspace_id in (select public.my_workspace_ids()))
         with check (workspace_id in (select public.my_workspace_ids()))',
      t || '_member', t);
  end loop;
end $$;

alter table public.leads add column notes text;

-- Same person without any identity key (no e-mail, phone, LinkedIn or domain): name at company, for imports.
create index leads_ws_name_company_idx on public.leads (workspace_id, name_key, lower(company_name));
