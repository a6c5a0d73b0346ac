-- Credentials of API-connected channel accounts (issue 17): Meta page tokens, X OAuth tokens. Stored sealed
-- (AES-256-GCM, key from the Worker's CHANNEL_SECRETS_KEYS; the additional data binds a value to its account) and
-- readable by the service role only: no member, not even an owner, can read a token back through the API or RLS.
create table public.channel_credentials (
  account_id uuid primary key references public.channel_accounts (id) on delete cascade,
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  key_id text not null check (length(key_id) between 1 and 40),
  sealed text not null check (length(sealed) <= 20000),
  updated_at timestamptz not null default now()
);
create index channel_credentials_workspace_idx on public.channel_credentials (workspace_id);

alter table public.channel_credentials enable row level security;
alter table public.channel_credentials force row level security;
create policy channel_credentials_service on public.channel_credentials for all to service_role
  using (true) with check (true);
revoke all on public.channel_credentials from anon, authenticated;
grant select, insert, update, delete on public.channel_credentials to service_role;

-- OAuth flows in progress (connect a Facebook Page, an X account): the `state` sent to the provider is stored as
-- its SHA-256 only, with who started the flow, the PKCE verifier when the provider uses PKCE, and a short expiry.
-- A state is used once (deleted when the callback consumes it); expired rows are pruned by the cron sweep.
create table public.oauth_states (
  state_hash text primary key check (length(state_hash) = 64),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  user_id uuid not null,
  provider text not null check (length(provider) between 1 and 40),
  code_verifier text check (length(code_verifier) <= 200),
  data jsonb not null default '{}'::jsonb,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index oauth_states_expiry_idx on public.oauth_states (expires_at);

alter table public.oauth_states enable row level security;
alter table public.oauth_states force row level security;
create policy oauth_states_service on public.oauth_states for all to service_role using (true) with check (true);
revoke all on public.oauth_states from anon, authenticated;
grant select, insert, update, delete on public.oauth_states to service_role;
