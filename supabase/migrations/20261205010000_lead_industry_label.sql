-- Issue 14: a lead keeps its list's own industry label ("Trucking, Truck Leasing") next to the canonical
-- industry ("logistics"), so the workspace's imported lists are vocabulary for lead requests and a lead whose
-- label the description names can rank before looser matches. Nullable: leads from providers have none.
alter table public.leads add column industry_label text;
-- Lead requests read the workspace's distinct labels before parsing the description.
create index leads_industry_label_idx on public.leads (workspace_id, industry_label) where industry_label is not null;
