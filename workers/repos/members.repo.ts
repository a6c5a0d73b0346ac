import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { workspaceInvitations, workspaceMembers, workspaces } from "../db/schema";
import type { WorkspaceRole } from "../db/schema";
import type { Queryable } from "../db/tenant";

export interface MemberRow {
  userId: string;
  email: string;
  role: WorkspaceRole;
  createdAt: string;
}

export async function listMembers(db: Queryable, workspaceId: string): Promise<MemberRow[]> {
  const rows = (await db.execute(
    sql`select user_id, email, role, created_at from public.list_workspace_members(${workspaceId})`,
  )) as unknown as { user_id: string; email: string; role: WorkspaceRole; created_at: string | Date }[];
  return rows.map((r) => ({
    userId: r.user_id,
    email: r.email,
    role: r.role,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * Serialises membership changes per workspace (so two concurrent changes cannot both remove the last
 * owner) and returns the members. An advisory lock, not FOR UPDATE: a member leaving may not update rows.
 */
export async function lockMembers(db: Queryable, workspaceId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('workspace_members:' || ${workspaceId}))`);
  return db
    .select({ userId: workspaceMembers.userId, role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.workspaceId, workspaceId));
}

export function setRole(db: Queryable, workspaceId: string, userId: string, role: WorkspaceRole) {
  return db
    .update(workspaceMembers)
    .set({ role })
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .returning({ userId: workspaceMembers.userId });
}

export function deleteMember(db: Queryable, workspaceId: string, userId: string) {
  return db
    .delete(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .returning({ userId: workspaceMembers.userId });
}

export function addMember(db: Queryable, workspaceId: string, userId: string, role: WorkspaceRole) {
  return db
    .insert(workspaceMembers)
    .values({ workspaceId, userId, role })
    .onConflictDoNothing()
    .returning({ userId: workspaceMembers.userId });
}

const invitationColumns = {
  id: workspaceInvitations.id,
  workspaceId: workspaceInvitations.workspaceId,
  email: workspaceInvitations.email,
  role: workspaceInvitations.role,
  expiresAt: workspaceInvitations.expiresAt,
  acceptedAt: workspaceInvitations.acceptedAt,
  createdAt: workspaceInvitations.createdAt,
};

export function listPendingInvitations(db: Queryable, workspaceId: string) {
  return db
    .select(invitationColumns)
    .from(workspaceInvitations)
    .where(
      and(
        eq(workspaceInvitations.workspaceId, workspaceId),
        isNull(workspaceInvitations.acceptedAt),
        gt(workspaceInvitations.expiresAt, sql`now()`),
      ),
    );
}

/** A new invitation replaces a pending one for the same email, so only the newest link works. */
export async function replaceInvitation(
  db: Queryable,
  values: {
    workspaceId: string;
    email: string;
    role: "admin" | "member";
    tokenHash: string;
    expiresAt: Date;
    invitedBy: string;
  },
) {
  await db
    .delete(workspaceInvitations)
    .where(
      and(
        eq(workspaceInvitations.workspaceId, values.workspaceId),
        isNull(workspaceInvitations.acceptedAt),
        sql`lower(${workspaceInvitations.email}) = lower(${values.email})`,
      ),
    );
  return db
    .insert(workspaceInvitations)
    .values(values)
    .returning(invitationColumns)
    .then((rows) => rows[0]!);
}

export function deleteInvitation(db: Queryable, workspaceId: string, id: string) {
  return db
    .delete(workspaceInvitations)
    .where(
      and(
        eq(workspaceInvitations.id, id),
        eq(workspaceInvitations.workspaceId, workspaceId),
        isNull(workspaceInvitations.acceptedAt),
      ),
    )
    .returning({ id: workspaceInvitations.id });
}

export function findInvitationByHash(db: Queryable, tokenHash: string) {
  return db
    .select(invitationColumns)
    .from(workspaceInvitations)
    .where(eq(workspaceInvitations.tokenHash, tokenHash))
    .then((rows) => rows[0]);
}

export function markAccepted(db: Queryable, id: string) {
  return db
    .update(workspaceInvitations)
    .set({ acceptedAt: new Date() })
    .where(and(eq(workspaceInvitations.id, id), isNull(workspaceInvitations.acceptedAt)))
    .returning({ id: workspaceInvitations.id });
}

export function isMemberByEmail(db: Queryable, workspaceId: string, email: string) {
  return db
    .select({ n: count() })
    .from(workspaceMembers)
    .where(
      and(
        eq(workspaceMembers.workspaceId, workspaceId),
        sql`${workspaceMembers.userId} in (select id from auth.users where lower(email) = lower(${email}))`,
      ),
    )
    .then((rows) => (rows[0]?.n ?? 0) > 0);
}

export function workspaceName(db: Queryable, workspaceId: string) {
  return db
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .then((rows) => rows[0]?.name ?? "a workspace");
}
