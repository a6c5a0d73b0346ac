-- The leads database (issue 19): the table pages through a workspace's leads in four orders — newest, name,
-- company, score — with a keyset cursor on (sort key, id). One index per order, spelled exactly like the
-- query's expressions (lead-list.repo.ts), lets a page start at the cursor and stop after `limit` rows
-- whatever the number of leads; scanned backwards each serves the other direction too.
create index leads_ws_created_id_idx on public.leads (workspace_id, created_at desc, id desc);
-- Superseded by the index above (same leading columns).
drop index if exists public.leads_workspace_idx;
create index leads_ws_name_sort_idx on public.leads (workspace_id, lower(full_name), id);
create index leads_ws_company_sort_idx on public.leads (workspace_id, lower(coalesce(company_name, '')), id);
create index leads_ws_score_sort_idx on public.leads (workspace_id, coalesce(score, -1), id);
-- The Industry filter is case-insensitive; this index is its path and gives the planner lower(industry)'s
-- statistics (without them it guessed a handful of rows and sorted a sequential scan: 228 ms at 100,000).
create index leads_ws_industry_lower_idx on public.leads (workspace_id, lower(industry));
