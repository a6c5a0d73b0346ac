-- Messaging core (issue 15, decision 016): channel accounts, one conversation per lead and channel, messages
-- (outbound and inbound, the outbox of the send queue), suppressions (opt-outs), per-workspace messaging
-- settings, and the provider-event ledger that makes webhooks idempotent. Postgres is the record; the per-lead
-- Durable Object only orders work and fans out.

create table public.channel_accounts (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'x', 'linkedin', 'sandbox')),
  provider text not null check (length(provider) between 1 and 50),
  display_name text not null check (length(display_name) between 1 and 200),
  -- The provider's id for the account (page id, phone number, user id); inbound events are routed by it.
  external_id text not null check (length(external_id) between 1 and 200),
  status text not null default 'connected' check (status in ('pending', 'connected', 'disconnected', 'failed')),
  -- A reference to encrypted credentials held elsewhere (session-host, secrets), never the secret itself.
  credentials_ref text,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, channel, external_id),
  unique (id, workspace_id)
);
create index channel_accounts_route_idx on public.channel_accounts (channel, external_id);

create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  lead_id uuid not null,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'x', 'linkedin', 'sandbox')),
  account_id uuid,
  external_thread_id text,
  status text not null default 'open' check (status in ('open', 'snoozed', 'closed')),
  assignee_id uuid references auth.users (id) on delete set null,
  unread_count integer not null default 0 check (unread_count >= 0),
  last_message_id uuid,
  last_message_at timestamptz,
  last_message_preview text,
  last_message_direction text check (last_message_direction in ('outbound', 'inbound')),
  -- The lead's last message to us: channels with a reply window (Meta: 24 h) measure from here.
  last_inbound_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, lead_id, channel),
  unique (id, workspace_id),
  foreign key (lead_id, workspace_id) references public.leads (id, workspace_id) on delete cascade,
  foreign key (account_id, workspace_id) references public.channel_accounts (id, workspace_id) on delete set null (account_id)
);
-- The inbox: newest activity first, keyset on (last activity, id).
create index conversations_inbox_idx on public.conversations (workspace_id, (coalesce(last_message_at, created_at)) desc, id desc);

create table public.messages (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  conversation_id uuid not null,
  lead_id uuid not null,
  channel text not null check (channel in ('whatsapp', 'instagram', 'facebook', 'x', 'linkedin', 'sandbox')),
  account_id uuid,
  direction text not null check (direction in ('outbound', 'inbound')),
  body text not null check (length(body) <= 10000),
  media jsonb not null default '[]'::jsonb,
  -- Outbound: queued → sent → delivered → read, or failed. Inbound: received.
  status text not null check (status in ('queued', 'sent', 'delivered', 'read', 'failed', 'received')),
  -- Who asked for it; decides the queue order (reply before manual before campaign).
  origin text not null default 'manual' check (origin in ('reply', 'manual', 'campaign', 'system', 'inbound')),
  provider_message_id text,
  error_code text,
  error_message text,
  idempotency_key text check (length(idempotency_key) between 1 and 200),
  sent_by uuid references auth.users (id) on delete set null,
  -- Fallback: this message was sent because `fallback_of` could not be.
  fallback_of uuid,
  fallback_enabled boolean not null default true,
  -- Quiet hours: not sent before this instant (null = as soon as possible).
  hold_until timestamptz,
  attempts integer not null default 0,
  queued_at timestamptz,
  sent_at timestamptz,
  delivered_at timestamptz,
  read_at timestamptz,
  failed_at timestamptz,
  received_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, workspace_id),
  foreign key (conversation_id, workspace_id) references public.conversations (id, workspace_id) on delete cascade,
  foreign key (lead_id, workspace_id) references public.leads (id, workspace_id) on delete cascade
);
create unique index messages_ws_idempotency_key on public.messages (workspace_id, idempotency_key) where idempotency_key is not null;
create unique index messages_ws_provider_id_key on public.messages (workspace_id, channel, provider_message_id)
  where provider_message_id is not null;
-- A thread, paged backwards: newest first on (created_at, id).
create index messages_thread_idx on public.messages (conversation_id, created_at desc, id desc);
-- Per-sender caps count recent sends of one account.
create index messages_account_sent_idx on public.messages (account_id, sent_at) where sent_at is not null;
-- Messages that were never handed to the queue (enqueue failed after commit) are re-enqueued by the sweep.
create index messages_queued_idx on public.messages (queued_at) where status = 'queued';

create table public.suppressions (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspaces (id) on delete cascade,
  lead_id uuid,
  -- Who is suppressed: an E.164 phone, an e-mail, a channel handle, or a lead id.
  identity_kind text not null check (identity_kind in ('phone', 'email', 'handle', 'lead')),
  identity_value text not null check (length(identity_value) between 1 and 500),
  -- null = every channel.
  channel text check (channel in ('whatsapp', 'instagram', 'facebook', 'x', 'linkedin', 'sandbox')),
  reason text not null check (length(reason) between 1 and 500),
  source text not null check (source in ('keyword', 'manual', 'api', 'provider')),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index suppressions_identity_key on public.suppressions
  (workspace_id, identity_kind, identity_value, (coalesce(channel, '*')));
create index suppressions_lead_idx on public.suppressions (workspace_id, lead_id) where lead_id is not null;

create table public.messaging_settings (
  workspace_id uuid primary key references public.workspaces (id) on delete cascade,
  -- Tried in this order when a message's channel is not possible or fails for good.
  fallback_order text[] not null default array['whatsapp', 'linkedin', 'instagram', 'facebook', 'x']::text[],
  -- Quiet hours in the lead's own time zone: no sends from quiet_start to quiet_end (hours, 0-23).
  quiet_start smallint not null default 20 check (quiet_start between 0 and 23),
  quiet_end smallint not null default 8 check (quiet_end between 0 and 23),
  -- Move the lead's card to "In Conversation" on their first reply.
  move_on_reply boolean not null default true,
  updated_at timestamptz not null default now()
);

-- Provider events already accepted (webhook retries and replays are acknowledged and dropped).
create table public.webhook_events (
  provider text not null check (length(provider) between 1 and 50),
  event_id text not null check (length(event_id) between 1 and 300),
  workspace_id uuid references public.workspaces (id) on delete cascade,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  primary key (provider, event_id)
);
create index webhook_events_received_idx on public.webhook_events (received_at);

do $$
declare t text;
begin
  foreach t in array array['channel_accounts', 'conversations', 'messages', 'suppressions', 'messaging_settings'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('alter table public.%I force row level security', t);
    execute format(
      'create policy %I on public.%I for all to authenticated
         using (workspace_id in (select public.my_workspace_ids()))
         with check (workspace_id in (select public.my_workspace_ids()))',
      t || '_member', t);
  end loop;
end $$;

alter table public.webhook_events enable row level security;
alter table public.webhook_events force row level security;
create policy webhook_events_service on public.webhook_events for all to service_role using (true) with check (true);
revoke all on public.webhook_events from anon, authenticated;
grant select, insert, update, delete on public.webhook_events to service_role;
