-- Lead identity keys are stored in one normal form (decision 014, workers/services/lead-identity.ts), so the
-- unique indexes on leads compare exactly what the application compares:
--   email          trimmed, lower-case          (leads_ws_email_key: lower(email))
--   phone          E.164, +<digits>             (leads_ws_phone_key)
--   linkedin_url   linkedin.com/<kind>/<slug>, lower-case, no scheme/www/country host/query/fragment/slash
--   company_domain host only, lower-case, no scheme/www/path   (leads_ws_domain_name_key with name_key)
-- Rows written before (e.g. enrichment stored provider values as found) are brought into that form where it
-- does not collide with another lead of the workspace; the checks hold every new write to it. They are NOT
-- VALID so a colliding old row (two leads that are in fact one person) does not block the migration.

create function pg_temp.normalise(col text, expr text, unique_expr text, extra_partition text default '') returns void
language plpgsql as $$
begin
  execute format(
    'with wanted as (
       select id, workspace_id, %2$s as v,
              row_number() over (partition by workspace_id, %2$s %4$s order by created_at, id) as n
       from public.leads where %1$I is not null
     )
     update public.leads l set %1$I = w.v from wanted w
     where l.id = w.id and w.v is not null and l.%1$I is distinct from w.v and w.n = 1
       and not exists (select 1 from public.leads o where o.workspace_id = l.workspace_id and o.id <> l.id and %3$s)',
    col, expr, unique_expr, extra_partition);
end $$;

select pg_temp.normalise('email', 'lower(btrim(email))', 'lower(o.email) = w.v');
select pg_temp.normalise('phone', $e$case when phone ~ '^\s*\+' then '+' || regexp_replace(phone, '[^0-9]', '', 'g') end$e$, 'o.phone = w.v');
select pg_temp.normalise('linkedin_url',
  $e$case when linkedin_url ~* 'linkedin\.com/(in|company|sales/lead|sales/people)/[^/?#[:space:]]+'
     then lower(regexp_replace(linkedin_url, '^.*?linkedin\.com/(in|company|sales/lead|sales/people)/([^/?#[:space:]]+).*$', 'linkedin.com/\1/\2', 'i')) end$e$,
  'o.linkedin_url = w.v');
select pg_temp.normalise('company_domain',
  $e$nullif(regexp_replace(lower(btrim(company_domain)), '^([a-z][a-z0-9+.-]*://)?(www\.)?([^/:?#]*).*$', '\3'), '')$e$,
  'o.company_domain = w.v and o.name_key is not distinct from l.name_key', ', name_key');

alter table public.leads
  add constraint leads_email_normal check (email = btrim(email) and email !~ '[A-Z]') not valid,
  add constraint leads_phone_e164 check (phone ~ '^\+[1-9][0-9]{1,14}$') not valid,
  add constraint leads_linkedin_url_normal check (linkedin_url ~ '^linkedin\.com/(in|company|sales/lead|sales/people)/.+' and linkedin_url !~ '[A-Z]') not valid,
  add constraint leads_company_domain_normal check (company_domain !~ '[A-Z/:?#[:space:]]' and company_domain !~ '^www\.') not valid;
