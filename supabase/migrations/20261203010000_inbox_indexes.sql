-- The inbox's filtered lists (issue 15): each filter the UI offers walks an index in the list's own order
-- (last activity desc, id desc), so a page costs the same at 10,000 conversations as at 10.
create index conversations_inbox_unread_idx on public.conversations
  (workspace_id, (coalesce(last_message_at, created_at)) desc, id desc) where unread_count > 0;
create index conversations_inbox_assignee_idx on public.conversations
  (workspace_id, assignee_id, (coalesce(last_message_at, created_at)) desc, id desc);
create index conversations_inbox_status_idx on public.conversations
  (workspace_id, status, (coalesce(last_message_at, created_at)) desc, id desc);
-- The dead-letter view: failed outbound messages, newest failure first.
create index messages_failed_idx on public.messages
  (workspace_id, (coalesce(failed_at, created_at)) desc, id desc) where status = 'failed' and direction = 'outbound';
