// `/auth/v1/*` — the part of Supabase Auth's (GoTrue's) REST API that @supabase/supabase-js uses, with the
// same request and response shapes, so the UI and integrators use supabase-js unchanged in both modes.
import { Hono } from "hono";
import type { Context } from "hono";
import { z } from "zod";
import { lazyDb } from "../db/client";
import { AppError } from "../lib/app-error";
import { clientIp } from "../lib/client-ip";
import { corsFromConfig } from "../lib/cors";
import { createLogger, describeError, parseLogLevel } from "../lib/logger";
import { unstorablePaths } from "../lib/validation";
import { authConfig } from "./auth-config";
import type { AuthConfig } from "./auth-config";
import * as localAuth from "./local-auth.service";
import type { RequestMeta } from "./local-auth.service";
import { isValidAnonKey, verifyAccessToken } from "./tokens";

type AuthEnv = { Bindings: Env; Variables: { config: AuthConfig; database: ReturnType<typeof lazyDb> } };

const Credentials = z.looseObject({
  email: z.email().max(255),
  password: z.string().min(1).max(200),
});
const SignUp = z.looseObject({
  email: z.email().max(255),
  password: z.string().min(8, "Password should be at least 8 characters.").max(72),
  data: z.record(z.string(), z.unknown()).optional(),
});
const Refresh = z.looseObject({ refresh_token: z.string().min(1).max(500) });

export function createLocalAuthApi() {
  const auth = new Hono<AuthEnv>().basePath("/auth/v1");
  auth.use(corsFromConfig());

  auth.use(async (c, next) => {
    const config = authConfig(c.env);
    if (config.mode !== "embedded") throw new AppError("RESOURCE_NOT_FOUND", "Sign-in is handled by Supabase Auth.");
    const apikey = c.req.header("apikey") ?? "";
    if (!(await isValidAnonKey(config, apikey))) {
      throw new AppError("UNAUTHENTICATED", "Invalid API key", { authCode: "no_authorization" });
    }
    const database = lazyDb(c.env.HYPERDRIVE.connectionString);
    c.set("config", config);
    c.set("database", database);
    try {
      await next();
    } finally {
      c.executionCtx.waitUntil(database.close().catch(() => {}));
    }
  });

  auth.post("/signup", async (c) => {
    const input = await parseBody(c, SignUp);
    const session = await localAuth.signUp(c.var.database.get().db, c.var.config, { ...input, data: input.data ?? {} }, meta(c));
    return c.json(session, 200);
  });

  auth.post("/token", async (c) => {
    const grant = c.req.query("grant_type");
    if (grant === "password") {
      const input = await parseBody(c, Credentials);
      return c.json(await localAuth.signInWithPassword(c.var.database.get().db, c.var.config, input, meta(c)));
    }
    if (grant === "refresh_token") {
      const { refresh_token } = await parseBody(c, Refresh);
      return c.json(await localAuth.refreshSession(c.var.database.get().db, c.var.config, refresh_token, meta(c)));
    }
    throw new AppError("BAD_REQUEST", "Unsupported grant type", { authCode: "unsupported_grant_type" });
  });

  auth.get("/user", async (c) => {
    const claims = await verifyAccessToken(c.var.config, bearer(c));
    return c.json(await localAuth.getUser(c.var.database.get().db, claims.sub));
  });

  auth.post("/logout", async (c) => {
    const claims = await verifyAccessToken(c.var.config, bearer(c));
    const scope = z.enum(["global", "local", "others"]).catch("global").parse(c.req.query("scope"));
    await localAuth.signOut(c.var.database.get().db, claims.sub, claims.session_id, scope, meta(c));
    return c.body(null, 204);
  });

  auth.get("/settings", (c) =>
    c.json({ external: { email: true }, disable_signup: false, mailer_autoconfirm: true, phone_autoconfirm: false }),
  );

  auth.notFound(() => {
    throw new AppError("RESOURCE_NOT_FOUND", "Not found", { authCode: "not_found" });
  });
  auth.onError(renderGoTrueError);
  return auth;
}

async function parseBody<T extends z.ZodType>(c: Context<AuthEnv>, schema: T): Promise<z.infer<T>> {
  const isSignUp = (schema as z.ZodType) === SignUp;
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError("INVALID_JSON", "Could not parse request body as JSON", { authCode: "bad_json" });
  }
  // The API's shared check: text Postgres cannot store (NUL, unpaired surrogates) is a 400, not a 500.
  const unstorable = unstorablePaths(body);
  if (unstorable.length > 0) {
    throw new AppError("BAD_REQUEST", `${unstorable.join(", ")}: contains a NUL character or an unpaired surrogate`, { authCode: "validation_failed" });
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const weak = parsed.error.issues.find((i) => i.path[0] === "password" && i.code === "too_small");
  if (weak && isSignUp) throw new AppError("VALIDATION_FAILED", weak.message, { authCode: "weak_password" });
  throw new AppError("BAD_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), {
    authCode: "validation_failed",
  });
}

function bearer(c: Context<AuthEnv>): string {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) throw new AppError("UNAUTHENTICATED", "This endpoint requires a Bearer token", { authCode: "no_authorization" });
  return match[1];
}

function meta(c: Context<AuthEnv>): RequestMeta {
  return {
    issuer: `${new URL(c.req.url).origin}/auth/v1`,
    ip: clientIp(c.req.raw, c.env),
    userAgent: c.req.header("user-agent") ?? null,
  };
}

/** GoTrue's error body: `{ code, error_code, msg }`, which supabase-js turns into an AuthApiError. */
function renderGoTrueError(err: Error, c: Context<AuthEnv>): Response {
  const appError =
    err instanceof AppError ? err : new AppError("INTERNAL", "Unexpected failure", { authCode: "unexpected_failure" });
  if (!(err instanceof AppError)) {
    createLogger({ requestId: c.req.header("x-request-id") }, parseLogLevel(c.env.LOG_LEVEL)).error("auth failure", describeError(err));
  }
  const errorCode = String(appError.details.authCode ?? appError.code.toLowerCase());
  const retryAfter = appError.details.retryAfterSeconds;
  if (typeof retryAfter === "number") c.header("retry-after", String(retryAfter));
  return c.json({ code: appError.status, error_code: errorCode, msg: appError.message }, appError.status);
}
