import type { Context, MiddlewareHandler } from "hono";
import { accessTokenFromCookie, userFromAccessToken } from "../auth/principal";
import { hasSessionCookie } from "../auth/session-cookie";
import { AppError } from "../lib/app-error";
import { authenticateApiKey, looksLikeApiKey, recordApiKeyUse } from "../services/api-keys.service";
import { resolveWorkspace } from "../services/workspaces.service";
import type { ApiEnv, Principal } from "./context";

/** Routes anyone may call. Everything else under /api needs a signed-in user or an API key. */
const PUBLIC_ROUTES = new Set([
  "GET /api/health",
  "GET /api/openapi.json",
  "POST /api/client-errors",
  "GET /api/auth/config",
]);
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/**
 * Provider webhooks: public, each provider's signature over the body is checked by the route (hooks.routes.ts);
 * GET is a provider proving the URL with its verify token (Meta's hub.challenge).
 */
const isWebhook = (method: string, path: string) =>
  (method === "POST" || method === "GET") && path.startsWith("/api/hooks/");

export const authenticate: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (PUBLIC_ROUTES.has(`${c.req.method} ${c.req.path}`) || isWebhook(c.req.method, c.req.path)) return next();
  const credential =
    c.req.header("x-api-key") ?? bearerToken(c.req.header("authorization")) ?? (await fromSessionCookie(c));
  if (!credential) {
    throw new AppError("UNAUTHENTICATED", "Sign in, or send `Authorization: Bearer <access token or API key>`.");
  }
  const principal = looksLikeApiKey(credential)
    ? await fromApiKey(c, credential)
    : await fromAccessToken(c, credential);
  if (!READ_METHODS.has(c.req.method) && !principal.scopes.includes("write")) {
    throw new AppError("FORBIDDEN", "This API key can only read; use a key with the `write` scope.");
  }
  c.set("principal", principal);
  await next();
  for (const cookie of c.var.setCookies ?? []) c.header("set-cookie", cookie, { append: true });
};

async function fromAccessToken(c: Context<ApiEnv>, token: string): Promise<Principal> {
  const user = await userFromAccessToken(c.env, token, c.var.database.get().db);
  const workspace = await resolveWorkspace(c.var.database.get().db, user.claims, c.req.header("x-workspace-id"));
  return { kind: "user", ...user, workspaceId: workspace.id, workspaceRole: workspace.role, scopes: ["read", "write"] };
}

/** A key acts as its workspace, through its creator's membership (so removing the creator disables it). */
async function fromApiKey(c: Context<ApiEnv>, key: string): Promise<Principal> {
  const db = c.var.database.get().db;
  const found = await authenticateApiKey(db, key);
  const requested = c.req.header("x-workspace-id");
  if (requested && requested !== found.workspaceId) {
    throw new AppError("RESOURCE_NOT_FOUND", "No such workspace.", { workspaceId: requested });
  }
  c.executionCtx.waitUntil(recordApiKeyUse(db, found.id).catch(() => {}));
  return {
    kind: "apiKey",
    userId: found.createdBy,
    email: null,
    claims: { sub: found.createdBy, role: "authenticated", aud: "authenticated", api_key_id: found.id },
    workspaceId: found.workspaceId,
    workspaceRole: found.role,
    apiKeyId: found.id,
    scopes: found.scopes,
  };
}

/**
 * The web app calls the API with its httpOnly session cookie. Cookies ride along on cross-site requests,
 * so state-changing calls must prove they come from our own pages (CSRF).
 */
async function fromSessionCookie(c: Context<ApiEnv>): Promise<string | undefined> {
  if (!hasSessionCookie(c.req.raw)) return undefined;
  if (!READ_METHODS.has(c.req.method) && !isSameOrigin(c.req.raw)) {
    throw new AppError(
      "FORBIDDEN",
      "Cross-site requests cannot use the browser session. Use an access token or API key.",
    );
  }
  const { token, setCookies } = await accessTokenFromCookie(c.req.raw, c.env, c.executionCtx as ExecutionContext);
  c.set("setCookies", setCookies);
  return token;
}

function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin) return origin === new URL(request.url).origin;
  return request.headers.get("sec-fetch-site") === "same-origin";
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match?.[1];
}
