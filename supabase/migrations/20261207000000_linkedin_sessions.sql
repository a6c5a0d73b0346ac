-- LinkedIn runs as a session in the session-host too (decision 020): a cookie session the rep pasted, sealed in
-- auth_keys like WhatsApp's login. LinkedIn may stop a session at a security checkpoint, which only the rep can
-- clear in a browser: its own status, so the rep is told why and no host keeps retrying it.
alter table session_host.sessions drop constraint sessions_channel_check;
alter table session_host.sessions add constraint sessions_channel_check check (channel in ('whatsapp', 'linkedin'));
alter table session_host.sessions drop constraint sessions_status_check;
alter table session_host.sessions add constraint sessions_status_check
  check (status in ('starting', 'qr', 'connecting', 'open', 'paused', 'logged_out', 'failed', 'checkpoint'));
