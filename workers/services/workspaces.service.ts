import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { workspaceMembers, workspaces } from "../db/schema";
import type { WorkspaceRole } from "../db/schema";
import { asUser } from "../db/tenant";
import type { DbClaims } from "../db/tenant";
import { AppError } from "../lib/app-error";

export interface WorkspaceSummary {
  id: string;
  name: string;
  personal: boolean;
  role: WorkspaceRole;
}

/** The workspaces the user belongs to, their own personal one first. RLS limits the rows to their memberships. */
export function listMyWorkspaces(db: Db, claims: DbClaims): Promise<WorkspaceSummary[]> {
  return asUser(db, claims, (tx) =>
    tx
      .select({ id: workspaces.id, name: workspaces.name, personal: workspaces.personal, role: workspaceMembers.role })
      .from(workspaceMembers)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
      .where(eq(workspaceMembers.userId, claims.sub))
      .orderBy(
        desc(sql`${workspaces.personal} and ${workspaces.createdBy} = ${claims.sub}`),
        asc(workspaces.createdAt),
      ),
  );
}

/**
 * The workspace a request acts in: the one named by `x-workspace-id`, else the personal one. Naming a
 * workspace the user is not a member of is indistinguishable from naming one that does not exist.
 */
export async function resolveWorkspace(
  db: Db,
  claims: DbClaims,
  requested: string | undefined,
): Promise<WorkspaceSummary> {
  const mine = await listMyWorkspaces(db, claims);
  const chosen = requested ? mine.find((w) => w.id === requested) : mine[0];
  if (chosen) return chosen;
  if (requested) throw new AppError("RESOURCE_NOT_FOUND", "No such workspace.", { workspaceId: requested });
  throw new AppError("FORBIDDEN", "This account does not belong to any workspace.");
}

export async function createWorkspace(db: Db, claims: DbClaims, name: string): Promise<WorkspaceSummary> {
  return asUser(db, claims, async (tx) => {
    const [row] = (await tx.execute(sql`select public.create_workspace(${name}) as id`)) as unknown as { id: string }[];
    const [created] = await tx
      .select({ id: workspaces.id, name: workspaces.name, personal: workspaces.personal, role: workspaceMembers.role })
      .from(workspaces)
      .innerJoin(
        workspaceMembers,
        and(eq(workspaceMembers.workspaceId, workspaces.id), eq(workspaceMembers.userId, claims.sub)),
      )
      .where(eq(workspaces.id, row!.id));
    return created!;
  });
}
