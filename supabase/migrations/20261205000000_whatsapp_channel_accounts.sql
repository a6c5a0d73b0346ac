-- WhatsApp through the session-host, Worker side (issue 16, decision 017).

-- What the account's provider last said about it: the session-host reports its socket's state (qr, connecting,
-- open, logged_out …) in signed events; `status` stays the coarse state routing uses (connected or not).
-- `status_at` is the provider's time of that report: a late, out-of-order report never overwrites a newer one.
alter table public.channel_accounts
  add column provider_status text check (length(provider_status) <= 40),
  add column status_reason text check (length(status_reason) <= 300),
  add column status_at timestamptz,
  -- The account's own number once known (E.164 digits), shown to the team.
  add column phone text check (phone ~ '^[0-9]{6,20}$');

-- Nonces of signed session-host requests already accepted (HMAC with timestamp + nonce, ±5 minutes): a captured
-- request replayed within its window is refused, whichever Worker isolate receives it. Rows expire with the
-- window and are pruned by the cron sweep. Service role only, like webhook_events.
create table public.webhook_nonces (
  nonce text primary key check (length(nonce) between 16 and 100),
  expires_at timestamptz not null
);
create index webhook_nonces_expiry_idx on public.webhook_nonces (expires_at);

alter table public.webhook_nonces enable row level security;
alter table public.webhook_nonces force row level security;
create policy webhook_nonces_service on public.webhook_nonces for all to service_role using (true) with check (true);
revoke all on public.webhook_nonces from anon, authenticated;
grant select, insert, update, delete on public.webhook_nonces to service_role;
