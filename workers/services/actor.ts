import type { WorkspaceRole } from "../db/schema";
import type { DbClaims } from "../db/tenant";

/** Who acts and where: what services need from the caller, whether a signed-in user or an API key. */
export interface Actor {
  userId: string;
  claims: DbClaims;
  workspaceId: string;
  workspaceRole: WorkspaceRole;
  /** Set when the request came with an API key; such requests act as the key's workspace. */
  apiKeyId?: string;
  scopes: readonly ("read" | "write")[];
}
