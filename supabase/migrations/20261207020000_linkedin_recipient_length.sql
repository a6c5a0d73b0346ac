-- LinkedIn addresses a person as `linkedin.com/in/<slug>`, and LinkedIn allows custom slugs of up to 100
-- characters: the outbound recipient (sized for WhatsApp addresses) holds 200 now.
alter table session_host.outbound drop constraint outbound_recipient_check;
alter table session_host.outbound add constraint outbound_recipient_check
  check (length(recipient) between 3 and 200);
