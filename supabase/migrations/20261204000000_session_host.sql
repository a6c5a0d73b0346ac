-- The session-host's own tables (issue 16, decision 017). They live in their own schema: only the host (as
-- service_role or the database owner) reads or writes them; users never see them, not even through RLS.
-- Credentials are stored encrypted by the host (AES-256-GCM, key id per row), never in clear.
create schema if not exists session_host;
revoke all on schema session_host from public, anon, authenticated;
grant usage on schema session_host to service_role;

-- One WhatsApp (or other) login. `status` is what the socket is doing. Pauses (by a rep, or by the host itself on
-- a rate-limit or ban signal, with the reason) live in `pacing_state`: sending stops, messages still come in.
create table session_host.sessions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  channel text not null check (channel in ('whatsapp')),
  name text not null check (length(name) between 1 and 100),
  status text not null default 'starting'
    check (status in ('starting', 'qr', 'connecting', 'open', 'paused', 'logged_out', 'failed')),
  status_reason text check (length(status_reason) <= 300),
  -- The account's own number once paired (E.164 digits), shown to the rep.
  phone text check (phone ~ '^[0-9]{6,20}$'),
  -- The latest QR while pairing, so whichever host answers can show it.
  qr text,
  qr_at timestamptz,
  pacing_settings jsonb not null default '{}'::jsonb,
  pacing_state jsonb,
  -- The lease: the one host that runs this session, until lease_expires_at unless it renews.
  owner_host text check (length(owner_host) <= 200),
  lease_expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sessions_workspace_idx on session_host.sessions (workspace_id, created_at);
-- Sessions a host should run: every one not ended (logged out, or failed until someone reconnects it).
create index sessions_lease_idx on session_host.sessions (lease_expires_at) where status not in ('logged_out', 'failed');

-- Baileys' auth state: `creds` plus the Signal keys, one encrypted value per (category, key id).
create table session_host.auth_keys (
  session_id uuid not null references session_host.sessions (id) on delete cascade,
  category text not null check (length(category) between 1 and 60),
  key_id text not null check (length(key_id) between 1 and 300),
  -- Which encryption key sealed this row, so keys can rotate without re-pairing.
  enc_key_id text not null check (length(enc_key_id) between 1 and 50),
  iv bytea not null,
  ciphertext bytea not null,
  updated_at timestamptz not null default now(),
  primary key (session_id, category, key_id)
);

-- Sends the Worker asked for. The WhatsApp message id is fixed before the first attempt, so a send repeated
-- after a crash carries the same id and the recipient keeps one copy.
create table session_host.outbound (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references session_host.sessions (id) on delete cascade,
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  wa_message_id text not null,
  recipient text not null check (length(recipient) between 3 and 100),
  -- {text} or {media}; emptied once sent (the Worker keeps the record, the host keeps no message bodies).
  content jsonb,
  recipient_time_zone text check (length(recipient_time_zone) <= 64),
  new_contact boolean not null default false,
  -- An answer to the contact's own message: pacing keeps part of each day's cap for these.
  reply boolean not null default false,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  error_code text check (length(error_code) <= 100),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  unique (session_id, idempotency_key),
  unique (session_id, wa_message_id)
);
create index outbound_pending_idx on session_host.outbound (session_id, created_at) where status in ('queued', 'sending');

-- Events for the Worker (inbound messages, receipts, session changes), delivered with retries; the Worker
-- drops a delivery id it has seen.
create table session_host.outbox (
  id bigint generated always as identity primary key,
  delivery_id uuid not null unique default gen_random_uuid(),
  session_id uuid,
  event jsonb not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  delivered_at timestamptz,
  last_error text check (length(last_error) <= 300),
  created_at timestamptz not null default now()
);
create index outbox_due_idx on session_host.outbox (next_attempt_at) where delivered_at is null;

-- The hosts of the fleet and where they answer: a request that needs a session's live socket (pairing code,
-- log out) is passed on to the host that holds its lease.
create table session_host.hosts (
  id text primary key check (length(id) between 1 and 200),
  url text not null check (url ~ '^https?://'),
  seen_at timestamptz not null default now()
);

-- Nonces of signed requests seen in the last few minutes: a replayed request is refused.
create table session_host.nonces (
  nonce text primary key check (length(nonce) between 16 and 100),
  expires_at timestamptz not null
);
create index nonces_expiry_idx on session_host.nonces (expires_at);

do $$
declare t text;
begin
  foreach t in array array['sessions', 'auth_keys', 'outbound', 'outbox', 'hosts', 'nonces'] loop
    execute format('alter table session_host.%I enable row level security', t);
    execute format('alter table session_host.%I force row level security', t);
    execute format('create policy %I on session_host.%I for all to service_role using (true) with check (true)',
      t || '_service', t);
    execute format('grant select, insert, update, delete on session_host.%I to service_role', t);
  end loop;
end $$;
