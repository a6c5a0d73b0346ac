-- Retry links a new attempt to the failed message it replaces (issue 15, the dead-letter view): a failure
-- that was retried is no longer "failed and waiting for someone", so the Failed list leaves it out with a
-- NOT EXISTS on this index, and the thread shows "Retried" instead of a second Retry button.
alter table public.messages add column retry_of uuid;
create index messages_retry_of_idx on public.messages (retry_of) where retry_of is not null;
