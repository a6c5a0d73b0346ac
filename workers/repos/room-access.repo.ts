import { eq, sql } from "drizzle-orm";
import { workspaceMembers } from "../db/schema";
import type { ApiKeyScope, WorkspaceRole } from "../db/schema";
import type { Queryable } from "../db/tenant";

export interface PrincipalRow {
  key: string;
  userId: string;
  apiKeyId: string | null;
  sessionId: string | null;
}

export interface PrincipalValidity {
  key: string;
  member: boolean;
  credentialActive: boolean;
}

/** One round trip for every principal in a room (see `public.room_principals_valid`). Service path only. */
export async function principalValidity(
  db: Queryable,
  workspaceId: string,
  principals: PrincipalRow[],
): Promise<PrincipalValidity[]> {
  const payload = JSON.stringify(
    principals.map((p) => ({ k: p.key, user_id: p.userId, api_key_id: p.apiKeyId, session_id: p.sessionId })),
  );
  const rows = (await db.execute(
    sql`select principal, member, credential_active from public.room_principals_valid(${workspaceId}, ${payload}::jsonb)`,
  )) as unknown as { principal: string; member: boolean; credential_active: boolean }[];
  return rows.map((r) => ({ key: r.principal, member: r.member, credentialActive: r.credential_active }));
}

/** The workspaces whose rooms a user may have open (for sign-out, which is not scoped to one workspace). */
export async function workspaceIdsOfUser(db: Queryable, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: workspaceMembers.workspaceId })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.userId, userId));
  return rows.map((r) => r.id);
}

/** The member's role and, for an API key of theirs in this workspace, its scopes (service path only). */
export async function memberAccess(db: Queryable, workspaceId: string, userId: string, apiKeyId: string | null) {
  const rows = (await db.execute(sql`
    select m.role, k.scopes
    from public.workspace_members m
    left join public.api_keys k on k.id = ${apiKeyId} and k.workspace_id = m.workspace_id and k.revoked_at is null
    where m.workspace_id = ${workspaceId} and m.user_id = ${userId}
  `)) as unknown as { role: WorkspaceRole; scopes: ApiKeyScope[] | null }[];
  return rows[0];
}
