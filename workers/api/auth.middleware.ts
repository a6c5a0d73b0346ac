import type { MiddlewareHandler } from "hono";
import { authConfig } from "../auth/auth-config";
import { verifyAccessToken } from "../auth/tokens";
import type { DbClaims } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { resolveWorkspace } from "../services/workspaces.service";
import type { ApiEnv, Principal } from "./context";

/** Routes anyone may call. Everything else under /api needs a signed-in user (or, later, an API key). */
const PUBLIC_ROUTES = new Set(["GET /api/health", "GET /api/openapi.json", "POST /api/client-errors", "GET /api/auth/config"]);

export const authenticate: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (PUBLIC_ROUTES.has(`${c.req.method} ${c.req.path}`)) return next();
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw new AppError("UNAUTHENTICATED", "Sign in, or send an access token as `Authorization: Bearer <token>`.");
  const claims = await verifyAccessToken(authConfig(c.env), token);
  const dbClaims: DbClaims = { ...claims, sub: claims.sub, role: "authenticated" };
  const workspace = await resolveWorkspace(c.var.database.get().db, dbClaims, c.req.header("x-workspace-id"));
  const principal: Principal = {
    kind: "user",
    userId: claims.sub,
    email: claims.email ?? null,
    claims: dbClaims,
    workspaceId: workspace.id,
    workspaceRole: workspace.role,
  };
  c.set("principal", principal);
  return next();
};

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}
