-- Workspaces are the tenant boundary. Every domain row carries workspace_id (and created_by); row-level
-- security, enabled and forced on every table, lets a user see a row only through workspace membership.

create table public.workspaces (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 120),
  personal boolean not null default false,
  created_by uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger workspaces_set_updated_at before update on public.workspaces
  for each row execute function public.set_updated_at();

create table public.workspace_members (
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index workspace_members_user_idx on public.workspace_members (user_id);

create table public.workspace_invitations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  email text not null,
  role text not null check (role in ('admin', 'member')),
  token_hash text not null unique,
  expires_at timestamptz not null,
  invited_by uuid not null references auth.users (id) on delete cascade,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
create index workspace_invitations_workspace_idx on public.workspace_invitations (workspace_id);

create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  created_by uuid not null references auth.users (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 120),
  prefix text not null,
  key_hash text not null unique,
  scopes text[] not null check (scopes <@ array['read', 'write'] and cardinality(scopes) > 0),
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
create index api_keys_workspace_idx on public.api_keys (workspace_id);

create table public.audit_log (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid references public.workspaces (id) on delete cascade,
  actor_user_id uuid,
  actor_api_key_id uuid,
  event text not null,
  subject text,
  ip text,
  user_agent text,
  details jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_workspace_created_idx on public.audit_log (workspace_id, created_at desc);
create index audit_log_event_subject_idx on public.audit_log (event, subject, created_at desc);

-- The seed tables join the tenant model. `user_id` stays as the author.
alter table public.lead_requests
  add column workspace_id uuid not null references public.workspaces (id) on delete cascade,
  add column created_by uuid references auth.users (id) on delete set null;
alter table public.leads
  add column workspace_id uuid not null references public.workspaces (id) on delete cascade,
  add column created_by uuid references auth.users (id) on delete set null;
alter table public.pipelines
  add column workspace_id uuid not null references public.workspaces (id) on delete cascade,
  add column created_by uuid references auth.users (id) on delete set null;
alter table public.crm_pipelines
  add column workspace_id uuid not null references public.workspaces (id) on delete cascade,
  add column created_by uuid references auth.users (id) on delete set null;
alter table public.dead_letter_jobs
  add column workspace_id uuid references public.workspaces (id) on delete cascade;
create index lead_requests_workspace_idx on public.lead_requests (workspace_id, created_at desc);
create index leads_workspace_idx on public.leads (workspace_id, created_at desc);
create index pipelines_workspace_idx on public.pipelines (workspace_id);
create index crm_pipelines_workspace_idx on public.crm_pipelines (workspace_id);

-- Membership checks run as definer so that policies on workspace_members do not recurse into themselves.
create function public.is_workspace_member(ws uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.workspace_members m where m.workspace_id = ws and m.user_id = auth.uid()
  )
$$;

create function public.has_workspace_role(ws uuid, roles text[]) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1 from public.workspace_members m
    where m.workspace_id = ws and m.user_id = auth.uid() and m.role = any (roles)
  )
$$;

-- Creating a workspace and its first owner is one step, so no policy has to allow an orphan workspace.
create function public.create_workspace(workspace_name text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare ws uuid;
begin
  if auth.uid() is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  insert into public.workspaces (name, created_by) values (workspace_name, auth.uid()) returning id into ws;
  insert into public.workspace_members (workspace_id, user_id, role) values (ws, auth.uid(), 'owner');
  return ws;
end;
$$;

-- Every new user gets a personal workspace, whether Supabase Auth or the embedded auth created them.
create function public.handle_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
declare ws uuid;
begin
  insert into public.workspaces (name, personal, created_by)
    values (coalesce(nullif(split_part(new.email, '@', 1), ''), 'My') || '''s workspace', true, new.id)
    returning id into ws;
  insert into public.workspace_members (workspace_id, user_id, role) values (ws, new.id, 'owner');
  return new;
end;
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function public.handle_new_user();

grant usage on schema public to anon, authenticated, service_role;
grant select, insert, update, delete on all tables in schema public to authenticated, service_role;
grant usage, select on all sequences in schema public to authenticated, service_role;
grant execute on function public.is_workspace_member(uuid), public.has_workspace_role(uuid, text[]),
  public.create_workspace(text) to authenticated, service_role;
revoke execute on function public.handle_new_user() from public;
alter default privileges in schema public grant select, insert, update, delete on tables to authenticated, service_role;

-- Policies. `member` = any role in the workspace; `manager` = owner or admin.
create policy workspaces_select on public.workspaces for select to authenticated
  using (public.is_workspace_member(id));
create policy workspaces_update on public.workspaces for update to authenticated
  using (public.has_workspace_role(id, array['owner', 'admin']))
  with check (public.has_workspace_role(id, array['owner', 'admin']));
create policy workspaces_delete on public.workspaces for delete to authenticated
  using (public.has_workspace_role(id, array['owner']) and not personal);

create policy members_select on public.workspace_members for select to authenticated
  using (public.is_workspace_member(workspace_id));
create policy members_insert on public.workspace_members for insert to authenticated
  with check (public.has_workspace_role(workspace_id, array['owner', 'admin']));
create policy members_update on public.workspace_members for update to authenticated
  using (public.has_workspace_role(workspace_id, array['owner', 'admin']))
  with check (public.has_workspace_role(workspace_id, array['owner', 'admin']));
create policy members_delete on public.workspace_members for delete to authenticated
  using (public.has_workspace_role(workspace_id, array['owner', 'admin']) or user_id = auth.uid());

create policy invitations_manage on public.workspace_invitations for all to authenticated
  using (public.has_workspace_role(workspace_id, array['owner', 'admin']))
  with check (public.has_workspace_role(workspace_id, array['owner', 'admin']));

create policy api_keys_manage on public.api_keys for all to authenticated
  using (public.has_workspace_role(workspace_id, array['owner', 'admin']))
  with check (public.has_workspace_role(workspace_id, array['owner', 'admin']));

create policy audit_log_select on public.audit_log for select to authenticated
  using (public.has_workspace_role(workspace_id, array['owner', 'admin']));

create policy dead_letter_jobs_select on public.dead_letter_jobs for select to authenticated
  using (public.has_workspace_role(workspace_id, array['owner', 'admin']));

create policy lead_requests_member on public.lead_requests for all to authenticated
  using (public.is_workspace_member(workspace_id)) with check (public.is_workspace_member(workspace_id));
create policy leads_member on public.leads for all to authenticated
  using (public.is_workspace_member(workspace_id)) with check (public.is_workspace_member(workspace_id));
create policy pipelines_member on public.pipelines for all to authenticated
  using (public.is_workspace_member(workspace_id)) with check (public.is_workspace_member(workspace_id));
create policy crm_pipelines_member on public.crm_pipelines for all to authenticated
  using (public.is_workspace_member(workspace_id)) with check (public.is_workspace_member(workspace_id));

alter table public.workspaces enable row level security;
alter table public.workspace_members enable row level security;
alter table public.workspace_invitations enable row level security;
alter table public.api_keys enable row level security;
alter table public.audit_log enable row level security;
alter table public.workspaces force row level security;
alter table public.workspace_members force row level security;
alter table public.workspace_invitations force row level security;
alter table public.api_keys force row level security;
alter table public.audit_log force row level security;
alter table public.lead_requests force row level security;
alter table public.leads force row level security;
alter table public.pipelines force row level security;
alter table public.crm_pipelines force row level security;
alter table public.dead_letter_jobs force row level security;
