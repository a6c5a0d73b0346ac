-- One pipeline per name in a workspace (case and surrounding spaces ignored), so "save to Outbound" from two
-- cards at once finds one pipeline instead of making two. Existing duplicates keep their cards and get a suffix.
with ranked as (
  select id, row_number() over (partition by workspace_id, lower(btrim(name)) order by created_at, id) as n
  from public.pipelines
)
update public.pipelines p
set name = p.name || ' (' || left(p.id::text, 4) || ')'
from ranked r
where r.id = p.id and r.n > 1;

create unique index pipelines_workspace_name_key on public.pipelines (workspace_id, lower(btrim(name)));
