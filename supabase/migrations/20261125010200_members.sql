-- Member listing with emails (auth.users is not readable by `authenticated`, so a definer function joins
-- it for members of the workspace only), and at most one pending invitation per email and workspace.

create function public.list_workspace_members(ws uuid)
returns table (user_id uuid, email text, role text, created_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select m.user_id, u.email::text, m.role, m.created_at
  from public.workspace_members m
  join auth.users u on u.id = m.user_id
  where m.workspace_id = ws and public.is_workspace_member(ws)
  order by m.created_at
$$;
grant execute on function public.list_workspace_members(uuid) to authenticated, service_role;

create unique index workspace_invitations_pending_email_idx
  on public.workspace_invitations (workspace_id, lower(email)) where accepted_at is null;
