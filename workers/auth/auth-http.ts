// Request plumbing shared by the /auth/v1 routes: GoTrue's error body, JSON bodies, bearer tokens, limits.
import type { Context } from "hono";
import type { z } from "zod";
import type { lazyDb } from "../db/client";
import { AppError } from "../lib/app-error";
import { clientIp } from "../lib/client-ip";
import { createLogger, describeError, parseLogLevel } from "../lib/logger";
import { unstorablePaths } from "../lib/validation";
import type { AuthConfig } from "./auth-config";
import type { RequestMeta } from "./local-auth.service";
import { SESSION_NOT_FOUND, requireActiveSession } from "./session-registry";
import type { AccessClaims } from "./tokens";
import { verifyAccessToken } from "./tokens";

export type AuthEnv = { Bindings: Env; Variables: { config: AuthConfig; database: ReturnType<typeof lazyDb> } };
export type AuthContext = Context<AuthEnv>;

/** `user_metadata` / `data` larger than this (serialized) is refused. */
export const MAX_USER_METADATA_BYTES = 16 * 1024;

export async function parseBody<T extends z.ZodType>(c: AuthContext, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (err) {
    if (err instanceof AppError) throw err; // the body limit
    throw new AppError("INVALID_JSON", "Could not parse request body as JSON", { authCode: "bad_json" });
  }
  // The API's shared check: text Postgres cannot store (NUL, unpaired surrogates) is a 400, not a 500.
  const unstorable = unstorablePaths(body);
  if (unstorable.length > 0) {
    throw new AppError("BAD_REQUEST", `${unstorable.join(", ")}: contains a NUL character or an unpaired surrogate`, {
      authCode: "validation_failed",
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), {
      authCode: "validation_failed",
    });
  }
  return parsed.data;
}

export function assertMetadataSize(data: Record<string, unknown> | undefined) {
  if (data && new TextEncoder().encode(JSON.stringify(data)).byteLength > MAX_USER_METADATA_BYTES) {
    throw new AppError("VALIDATION_FAILED", `User metadata cannot exceed ${MAX_USER_METADATA_BYTES} bytes.`, {
      authCode: "validation_failed",
    });
  }
}

/** GoTrue's checks on a user's own token: 401 without one, 403 `bad_jwt` if invalid, 403 `session_not_found` if signed out. */
export async function authenticatedClaims(c: AuthContext): Promise<AccessClaims> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
  if (!match?.[1])
    throw new AppError("UNAUTHENTICATED", "This endpoint requires a Bearer token", { authCode: "no_authorization" });
  let claims: AccessClaims;
  try {
    claims = await verifyAccessToken(c.var.config, match[1]);
  } catch {
    throw new AppError("FORBIDDEN", "invalid JWT: unable to parse or verify signature", { authCode: "bad_jwt" });
  }
  try {
    await requireActiveSession(c.env, c.var.config, claims.session_id, c.var.database.get().db);
  } catch (err) {
    if (err instanceof AppError && err.details.reason === SESSION_NOT_FOUND) {
      throw new AppError("FORBIDDEN", "Session from session_id claim in JWT does not exist", {
        authCode: SESSION_NOT_FOUND,
      });
    }
    throw err;
  }
  return claims;
}

export function requestMeta(c: AuthContext): RequestMeta {
  return {
    issuer: `${new URL(c.req.url).origin}/auth/v1`,
    ip: clientIp(c.req.raw, c.env),
    userAgent: c.req.header("user-agent") ?? null,
  };
}

/** GoTrue's error body: `{ code, error_code, msg }` (plus `weak_password.reasons`), which supabase-js turns into an AuthApiError. */
export function renderGoTrueError(err: Error, c: AuthContext): Response {
  const appError =
    err instanceof AppError ? err : new AppError("INTERNAL", "Unexpected failure", { authCode: "unexpected_failure" });
  if (!(err instanceof AppError) || appError.status >= 500) {
    createLogger({ requestId: c.req.header("x-request-id") }, parseLogLevel(c.env.LOG_LEVEL)).error(
      "auth failure",
      describeError(err),
    );
  }
  const errorCode = String(appError.details.authCode ?? appError.code.toLowerCase());
  const retryAfter = appError.details.retryAfterSeconds;
  if (typeof retryAfter === "number") c.header("retry-after", String(retryAfter));
  const reasons = appError.details.reasons;
  const body = {
    code: appError.status,
    error_code: errorCode,
    msg: appError.message,
    ...(Array.isArray(reasons) ? { weak_password: { reasons } } : {}),
  };
  return c.json(body, appError.status);
}
