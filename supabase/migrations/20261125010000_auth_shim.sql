-- Supabase's roles and `auth` schema, created only where they are absent (local Postgres, embedded PGlite).
-- On Supabase every statement below is skipped: the platform owns these objects.

do $$
declare r text;
begin
  foreach r in array array['anon', 'authenticated', 'service_role'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      begin
        execute format('create role %I nologin', r);
      exception when duplicate_object or unique_violation then null; -- created concurrently by another database's migration
      end;
    end if;
  end loop;
  -- service_role is the explicit background path; like on Supabase it is not subject to RLS.
  if not exists (select 1 from pg_roles where rolname = 'service_role' and rolbypassrls) then
    alter role service_role bypassrls;
  end if;
end $$;

do $$
begin
  if exists (select 1 from pg_namespace where nspname = 'auth') then
    return;
  end if;

  create schema auth;
  grant usage on schema auth to anon, authenticated, service_role;

  create table auth.users (
    id uuid primary key default gen_random_uuid(),
    aud varchar(255) default 'authenticated',
    role varchar(255) default 'authenticated',
    email varchar(255),
    encrypted_password varchar(255),
    email_confirmed_at timestamptz,
    last_sign_in_at timestamptz,
    raw_app_meta_data jsonb default '{}'::jsonb,
    raw_user_meta_data jsonb default '{}'::jsonb,
    created_at timestamptz default now(),
    updated_at timestamptz default now()
  );
  create unique index users_email_key on auth.users (lower(email));

  create table auth.sessions (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references auth.users (id) on delete cascade,
    created_at timestamptz default now(),
    updated_at timestamptz default now(),
    not_after timestamptz
  );

  -- `token` holds a SHA-256 hash here: the embedded auth server never stores a usable refresh token.
  create table auth.refresh_tokens (
    id bigserial primary key,
    token varchar(255) not null unique,
    user_id varchar(255) not null,
    revoked boolean not null default false,
    parent varchar(255),
    session_id uuid references auth.sessions (id) on delete cascade,
    created_at timestamptz default now(),
    updated_at timestamptz default now()
  );

  -- The same definitions Supabase uses: claims come from the transaction-local `request.jwt.claims`.
  create function auth.jwt() returns jsonb language sql stable as $f$
    select coalesce(
      nullif(current_setting('request.jwt.claim', true), ''),
      nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
  $f$;
  create function auth.uid() returns uuid language sql stable as $f$
    select coalesce(
      nullif(current_setting('request.jwt.claim.sub', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
    )::uuid
  $f$;
  create function auth.role() returns text language sql stable as $f$
    select coalesce(
      nullif(current_setting('request.jwt.claim.role', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
  $f$;
  grant execute on all functions in schema auth to anon, authenticated, service_role;
  -- The embedded auth server works through the service path.
  grant select, insert, update, delete on all tables in schema auth to service_role;
  grant usage, select on all sequences in schema auth to service_role;
end $$;
