import type { lazyDb } from "../db/client";
import type { WorkspaceRole } from "../db/schema";
import type { DbClaims } from "../db/tenant";
import type { Logger } from "../lib/logger";

/** Who is calling and in which workspace; set by the auth middleware on every non-public route. */
export interface Principal {
  kind: "user";
  userId: string;
  email: string | null;
  claims: DbClaims;
  workspaceId: string;
  workspaceRole: WorkspaceRole;
}

/** What every API handler can read from `c.var`. */
export interface ApiVariables {
  requestId: string;
  log: Logger;
  database: ReturnType<typeof lazyDb>;
  principal: Principal;
}

export interface ApiEnv {
  Bindings: Env;
  Variables: ApiVariables;
}
