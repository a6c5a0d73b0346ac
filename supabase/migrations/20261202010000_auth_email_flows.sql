-- The embedded auth server's e-mail flows (recovery, magic link / OTP, PKCE codes) and the mail outbox.
-- Both tables are read and written only on the service path: RLS is on and forced, and only service_role
-- has a policy and grants. They live in `public` because on Supabase the `auth` schema belongs to the
-- platform (whose GoTrue has tables of its own).

-- One row per issued secret; only SHA-256 hashes are stored. `kind`:
--   recovery / magiclink — an e-mailed link (token_hash) and 6-digit code (otp_hash), single use;
--   pkce_code — the auth code a PKCE flow exchanges at /token?grant_type=pkce, bound to its code_challenge.
create table public.auth_one_time_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in ('recovery', 'magiclink', 'pkce_code')),
  token_hash text not null unique,
  otp_hash text,
  code_challenge text,
  code_challenge_method text check (code_challenge_method in ('s256', 'plain')),
  -- The flow that PKCE code finishes (recovery, magiclink), reported back as the session's `amr`.
  flow text,
  redirect_to text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index auth_one_time_tokens_user_idx on public.auth_one_time_tokens (user_id, kind, created_at desc);
create index auth_one_time_tokens_otp_idx on public.auth_one_time_tokens (otp_hash) where otp_hash is not null;

-- Every message the app sends. With SMTP_URL set, `sent_at` records delivery; without it (embedded
-- default) the row is the delivery and the dev mailbox page shows it.
create table public.mail_outbox (
  id uuid primary key default gen_random_uuid(),
  to_address text not null check (length(to_address) between 3 and 320),
  subject text not null check (length(subject) <= 998),
  body_text text not null,
  kind text not null,
  transport text not null check (transport in ('outbox', 'smtp')),
  sent_at timestamptz,
  error text,
  created_at timestamptz not null default now()
);
create index mail_outbox_to_idx on public.mail_outbox (lower(to_address), created_at desc);

alter table public.auth_one_time_tokens enable row level security;
alter table public.auth_one_time_tokens force row level security;
alter table public.mail_outbox enable row level security;
alter table public.mail_outbox force row level security;
create policy auth_one_time_tokens_service on public.auth_one_time_tokens for all to service_role using (true) with check (true);
create policy mail_outbox_service on public.mail_outbox for all to service_role using (true) with check (true);
revoke all on public.auth_one_time_tokens, public.mail_outbox from anon, authenticated;
grant select, insert, update, delete on public.auth_one_time_tokens, public.mail_outbox to service_role;
