-- Live rooms re-check who is listening (issue 12 item 3, decision 010). One call answers, for each
-- principal holding a socket in a workspace's room, whether the user is still a member and whether the
-- credential behind the socket (API key, auth session) is still live. Definer, so it reads auth.sessions
-- the same way under Supabase Auth and the embedded shim; only the service role may call it.
create function public.room_principals_valid(ws uuid, principals jsonb)
returns table (principal text, member boolean, credential_active boolean)
language sql stable security definer set search_path = '' as $$
  select p.k,
    exists (
      select 1 from public.workspace_members m
      join public.workspaces w on w.id = m.workspace_id
      where m.workspace_id = ws and m.user_id = p.user_id
    ),
    (p.api_key_id is null or exists (
      select 1 from public.api_keys k
      where k.id = p.api_key_id and k.workspace_id = ws and k.created_by = p.user_id and k.revoked_at is null
    ))
    and (p.session_id is null or exists (
      select 1 from auth.sessions s
      where s.id = p.session_id and s.user_id = p.user_id and (s.not_after is null or s.not_after > now())
    ))
  from jsonb_to_recordset(principals) as p(k text, user_id uuid, api_key_id uuid, session_id uuid)
$$;
revoke execute on function public.room_principals_valid(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.room_principals_valid(uuid, jsonb) to service_role;
