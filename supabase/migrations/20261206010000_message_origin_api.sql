-- Messages sent with an API key (an integration, not a person at the composer) get their own origin, `api`: Meta's
-- HUMAN_AGENT tag (answers up to 7 days after the person wrote) is for a human agent's own answer only.
alter table public.messages drop constraint messages_origin_check;
alter table public.messages add constraint messages_origin_check
  check (origin in ('reply', 'manual', 'campaign', 'system', 'inbound', 'api'));
