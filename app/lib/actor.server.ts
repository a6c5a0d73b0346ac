import type { RouterContextProvider } from "react-router";
import type { Db } from "../../workers/db/client";
import type { Actor } from "../../workers/services/actor";
import { resolveWorkspace } from "../../workers/services/workspaces.service";
import { withDb } from "./db.server";
import { requireUser } from "./session.server";

/**
 * Runs `fn` as the signed-in user in their current workspace, exactly as the API would: loaders call the
 * same services as the routes, and RLS sees the same claims.
 */
export async function withActor<T>(
  request: Request,
  context: Readonly<RouterContextProvider>,
  fn: (db: Db, actor: Actor) => Promise<T>,
) {
  const { user, headers, claims } = await requireUser(request, context);
  return withDb(context, async (db) => {
    const workspace = await resolveWorkspace(db, claims, undefined);
    const actor: Actor = {
      userId: user.id,
      claims,
      workspaceId: workspace.id,
      workspaceRole: workspace.role,
      scopes: ["read", "write"],
    };
    return { result: await fn(db, actor), headers, actor };
  });
}
