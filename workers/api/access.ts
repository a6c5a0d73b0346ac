// Who may call a route: declared once per route (`...access("admin")` in `createRoute`), enforced by the route's
// own middleware before validation, and published in the OpenAPI document (`security` + `x-access`), so the
// README's table, the document and the behaviour cannot drift apart.
import type { MiddlewareHandler } from "hono";
import { SESSION_COOKIE } from "../auth/session-cookie";
import { AppError } from "../lib/app-error";
import type { ApiEnv } from "./context";

export const ACCESS_LEVELS = ["public", "read", "write", "user", "admin"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** What each level means, for the OpenAPI document and the README. */
export const ACCESS_DESCRIPTIONS: Record<AccessLevel, string> = {
  public: "Anyone, no credentials.",
  read: "A signed-in member (any role), or an API key of the workspace (any scope).",
  write: "A signed-in member (any role), or an API key with the `write` scope.",
  user: "A signed-in user only; API keys are refused whatever their scopes.",
  admin: "A signed-in owner or admin only; API keys are refused whatever their scopes.",
};

/** Security schemes every non-public operation accepts; named in `components.securitySchemes`. */
export const SECURITY_SCHEMES = {
  accessToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A Supabase Auth access token (`Authorization: Bearer <token>`).",
  },
  apiKey: {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description: "A workspace API key (`rlk_…`); also accepted as `Authorization: Bearer rlk_…`. Scopes: read, write.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "The web app's httpOnly session cookie (same-origin requests only).",
  },
} as const;

const SIGNED_IN: Record<string, string[]>[] = [{ accessToken: [] }, { sessionCookie: [] }];
const SECURITY: Record<AccessLevel, Record<string, string[]>[]> = {
  public: [],
  read: [...SIGNED_IN, { apiKey: ["read"] }],
  write: [...SIGNED_IN, { apiKey: ["write"] }],
  user: SIGNED_IN,
  admin: SIGNED_IN,
};

const requireLevel =
  (level: AccessLevel): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    const principal = c.var.principal;
    if (level === "public") return next();
    if (!principal)
      throw new AppError("UNAUTHENTICATED", "Sign in, or send `Authorization: Bearer <access token or API key>`.");
    if ((level === "user" || level === "admin") && principal.kind === "apiKey") {
      throw new AppError("FORBIDDEN", "API keys cannot do this; a signed-in user must.", { requires: level });
    }
    if (level === "admin" && principal.workspaceRole === "member") {
      throw new AppError("FORBIDDEN", "Only the workspace's owners and admins can do this.", { requires: level });
    }
    if (level === "write" && !principal.scopes.includes("write")) {
      throw new AppError("FORBIDDEN", "This API key can only read; use a key with the `write` scope.", {
        requires: level,
      });
    }
    return next();
  };

/** Spread into `createRoute({...})`: the route's access rule, its OpenAPI security, and its enforcement. */
export function access(level: AccessLevel) {
  return {
    security: SECURITY[level],
    "x-access": level,
    middleware: [requireLevel(level)],
  };
}

/** The security model as a table, for the OpenAPI document's description (the README carries the same table). */
export function accessTableMarkdown(): string {
  const rows = ACCESS_LEVELS.map((level) => `| \`${level}\` | ${ACCESS_DESCRIPTIONS[level]} |`);
  return [
    "Every operation names its access level in `x-access` and lists the credentials it accepts in `security`.",
    "",
    "| x-access | who may call it |",
    "|---|---|",
    ...rows,
  ].join("\n");
}
