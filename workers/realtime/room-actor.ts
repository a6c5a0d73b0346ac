// A room socket's principal as the Actor services expect, so a send over the socket runs the same service
// with the same rights (RLS as the user; an API key keeps its scopes) as the REST route.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { memberAccess } from "../repos/room-access.repo";
import type { Actor } from "../services/actor";
import type { RoomPrincipal } from "./room-principal";

export async function actorForPrincipal(db: Db, workspaceId: string, p: RoomPrincipal): Promise<Actor | undefined> {
  const access = await asService(db, (tx) => memberAccess(tx, workspaceId, p.userId, p.apiKeyId));
  if (!access) return undefined;
  if (p.apiKeyId && !access.scopes) return undefined;
  return {
    userId: p.userId,
    claims: { sub: p.userId, role: "authenticated" },
    workspaceId,
    workspaceRole: access.role,
    ...(p.apiKeyId ? { apiKeyId: p.apiKeyId } : {}),
    scopes: access.scopes ?? ["read", "write"],
  };
}
