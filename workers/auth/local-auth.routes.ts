// `/auth/v1/*` — the part of Supabase Auth's (GoTrue's) REST API that @supabase/supabase-js uses, with the
// same request and response shapes, so the UI and integrators use supabase-js unchanged in both modes.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { lazyDb } from "../db/client";
import { AppError } from "../lib/app-error";
import { corsFromConfig } from "../lib/cors";
import { authConfig } from "./auth-config";
import { limitByEmail, limitByIp } from "./auth-limits";
import type { AuthEnv } from "./auth-http";
import { assertMetadataSize, authenticatedClaims, parseBody, renderGoTrueError, requestMeta } from "./auth-http";
import { emailFlowRoutes } from "./email-flows.routes";
import { exchangePkceCode } from "./email-flows.service";
import * as localAuth from "./local-auth.service";
import { assertStrongPassword } from "./passwords";
import { isValidAnonKey } from "./tokens";

const DEFAULT_BODY_LIMIT = 1024 * 1024;
const Metadata = z.record(z.string(), z.unknown());

const Credentials = z.looseObject({ email: z.email().max(255), password: z.string().min(1).max(200) });
const SignUp = z.looseObject({
  email: z.email().max(255),
  password: z.string().min(1).max(72),
  data: Metadata.optional(),
});
const Refresh = z.looseObject({ refresh_token: z.string().min(1).max(500) });
const Pkce = z.looseObject({ auth_code: z.string().min(1).max(200), code_verifier: z.string().min(1).max(200) });
const UserUpdate = z.looseObject({
  email: z.email().max(255).optional(),
  password: z.string().min(1).max(72).optional(),
  data: Metadata.optional(),
});
const LogoutScope = z.enum(["global", "local", "others"]);

export function createLocalAuthApi() {
  const auth = new Hono<AuthEnv>().basePath("/auth/v1");
  auth.use(corsFromConfig());

  auth.use(async (c, next) => {
    const config = authConfig(c.env);
    if (config.mode !== "embedded") throw new AppError("RESOURCE_NOT_FOUND", "Sign-in is handled by Supabase Auth.");
    // GET /verify is the link in an e-mail: a browser opens it without supabase-js's apikey header.
    const isEmailLink = c.req.method === "GET" && c.req.path === "/auth/v1/verify";
    if (!isEmailLink && !(await isValidAnonKey(config, c.req.header("apikey") ?? ""))) {
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

  // The same body limit as the API, answered in GoTrue's error shape.
  auth.use((c, next) => {
    const maxSize = Number(c.env.API_BODY_LIMIT_BYTES) || DEFAULT_BODY_LIMIT;
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${maxSize} bytes.`, {
          authCode: "request_too_large",
        });
      },
    })(c, next);
  });

  auth.post("/signup", async (c) => {
    const input = await parseBody(c, SignUp);
    const meta = requestMeta(c);
    await limitByIp(c.env, meta.ip ?? "unknown");
    assertStrongPassword(input.password);
    assertMetadataSize(input.data);
    await limitByEmail(c.env, input.email);
    const session = await localAuth.signUp(
      c.var.database.get().db,
      c.var.config,
      { ...input, data: input.data ?? {} },
      meta,
    );
    return c.json(session, 200);
  });

  auth.post("/token", async (c) => {
    const grant = c.req.query("grant_type");
    const db = c.var.database.get().db;
    if (grant === "password") {
      const input = await parseBody(c, Credentials);
      const meta = requestMeta(c);
      await limitByIp(c.env, meta.ip ?? "unknown");
      return c.json(await localAuth.signInWithPassword(db, c.env, c.var.config, input, meta));
    }
    if (grant === "refresh_token") {
      const { refresh_token } = await parseBody(c, Refresh);
      return c.json(await localAuth.refreshSession(db, c.var.config, refresh_token, requestMeta(c)));
    }
    if (grant === "pkce") {
      const { auth_code, code_verifier } = await parseBody(c, Pkce);
      return c.json(await exchangePkceCode(db, c.var.config, auth_code, code_verifier, requestMeta(c)));
    }
    throw new AppError("BAD_REQUEST", "Unsupported grant type", { authCode: "unsupported_grant_type" });
  });

  auth.get("/user", async (c) => {
    const claims = await authenticatedClaims(c);
    return c.json(await localAuth.getUser(c.var.database.get().db, claims.sub));
  });

  auth.put("/user", async (c) => {
    const claims = await authenticatedClaims(c);
    const input = await parseBody(c, UserUpdate);
    assertMetadataSize(input.data);
    return c.json(await localAuth.updateUser(c.var.database.get().db, claims.sub, input));
  });

  auth.post("/logout", async (c) => {
    const requested = c.req.query("scope") ?? "global";
    const scope = LogoutScope.safeParse(requested);
    if (!scope.success) {
      throw new AppError("BAD_REQUEST", `Unsupported logout scope ${JSON.stringify(requested)}`, {
        authCode: "validation_failed",
      });
    }
    const claims = await authenticatedClaims(c);
    await localAuth.signOut(c.var.database.get().db, claims.sub, claims.session_id, scope.data, requestMeta(c));
    return c.body(null, 204);
  });

  auth.get("/settings", (c) =>
    c.json({ external: { email: true }, disable_signup: false, mailer_autoconfirm: true, phone_autoconfirm: false }),
  );

  auth.route("/", emailFlowRoutes);

  auth.notFound(() => {
    throw new AppError("RESOURCE_NOT_FOUND", "Not found", { authCode: "not_found" });
  });
  auth.onError(renderGoTrueError);
  return auth;
}
