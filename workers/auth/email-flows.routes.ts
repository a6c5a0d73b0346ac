// GoTrue's e-mail flow endpoints: POST /recover, POST /otp, POST /verify, GET /verify (the e-mailed link).
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../lib/app-error";
import { safeRedirectUrl } from "../lib/safe-redirect";
import { allowedOrigins } from "../lib/security-headers";
import { limitByEmail, limitByIp } from "./auth-limits";
import type { AuthContext, AuthEnv } from "./auth-http";
import { assertMetadataSize, parseBody, requestMeta } from "./auth-http";
import * as flows from "./email-flows.service";

const PkceFields = {
  // supabase-js sends nulls outside the PKCE flow.
  code_challenge: z.string().min(43).max(128).nullish(),
  code_challenge_method: z.enum(["s256", "plain", "S256"]).nullish(),
};
const Recover = z.looseObject({ email: z.email().max(255), ...PkceFields });
const Otp = z.looseObject({
  email: z.email().max(255),
  create_user: z.boolean().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
  ...PkceFields,
});
const VerifyType = z.enum(["recovery", "magiclink", "email"]);
const Verify = z
  .looseObject({
    type: VerifyType,
    token_hash: z.string().min(1).max(200).optional(),
    email: z.email().max(255).optional(),
    token: z.string().min(1).max(20).optional(),
  })
  .refine(
    (v) => v.token_hash !== undefined || (v.email !== undefined && v.token !== undefined),
    "send token_hash, or email and token",
  );

function redirectTarget(c: AuthContext): string {
  return safeRedirectUrl(
    c.req.query("redirect_to"),
    new URL(c.req.url).origin,
    allowedOrigins(c.env.CORS_ALLOWED_ORIGINS),
  );
}

function pkceOf(input: z.infer<typeof Recover>): flows.Pkce {
  if (!input.code_challenge) return {};
  return {
    codeChallenge: input.code_challenge,
    codeChallengeMethod: input.code_challenge_method === "plain" ? "plain" : "s256",
  };
}

export const emailFlowRoutes = new Hono<AuthEnv>()
  .post("/recover", async (c) => {
    const input = await parseBody(c, Recover);
    await limitByIp(c.env, requestMeta(c).ip ?? "unknown");
    await limitByEmail(c.env, input.email);
    await flows.requestRecovery(
      c.var.database.get().db,
      c.env,
      input.email,
      new URL(c.req.url).origin,
      redirectTarget(c),
      pkceOf(input),
    );
    return c.json({}, 200);
  })
  .post("/otp", async (c) => {
    const input = await parseBody(c, Otp);
    assertMetadataSize(input.data ?? undefined);
    await limitByIp(c.env, requestMeta(c).ip ?? "unknown");
    await limitByEmail(c.env, input.email);
    const request = { email: input.email, createUser: input.create_user ?? true, data: input.data ?? {} };
    await flows.requestMagicLink(
      c.var.database.get().db,
      c.env,
      request,
      new URL(c.req.url).origin,
      redirectTarget(c),
      pkceOf(input),
    );
    return c.json({}, 200);
  })
  .post("/verify", async (c) => {
    const input = await parseBody(c, Verify);
    const meta = requestMeta(c);
    await limitByIp(c.env, meta.ip ?? "unknown");
    const db = c.var.database.get().db;
    if (input.email) await limitByEmail(c.env, input.email);
    const proof =
      input.token_hash !== undefined ? { tokenHash: input.token_hash } : { email: input.email!, token: input.token! };
    const spent = await flows.spendEmailToken(db, input.type, proof);
    return c.json(await flows.sessionForUser(db, c.var.config, spent.userId, meta));
  })
  .get("/verify", async (c) => {
    const target = redirectTarget(c);
    const type = VerifyType.safeParse(c.req.query("type"));
    const token = c.req.query("token") ?? "";
    const isPkce = token.startsWith("pkce_");
    const fail = (description: string) => {
      const params = new URLSearchParams({
        error: "access_denied",
        error_code: "otp_expired",
        error_description: description,
      });
      return c.redirect(isPkce ? withQuery(target, params) : `${target}#${params}`, 303);
    };
    if (!type.success || !token || token.length > 200) return fail("Email link is invalid or has expired");
    const meta = requestMeta(c);
    await limitByIp(c.env, meta.ip ?? "unknown");
    const db = c.var.database.get().db;
    let spent: Awaited<ReturnType<typeof flows.spendEmailToken>>;
    try {
      spent = await flows.spendEmailToken(db, type.data, { tokenHash: token });
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return fail("Email link is invalid or has expired");
      throw err;
    }
    if (spent.codeChallenge) {
      const code = await flows.issuePkceCode(db, spent);
      return c.redirect(withQuery(target, new URLSearchParams({ code })), 303);
    }
    const session = await flows.sessionForUser(db, c.var.config, spent.userId, meta);
    const fragment = new URLSearchParams({
      access_token: session.access_token,
      expires_at: String(session.expires_at),
      expires_in: String(session.expires_in),
      refresh_token: session.refresh_token,
      token_type: "bearer",
      type: spent.kind,
    });
    return c.redirect(`${target}#${fragment}`, 303);
  });

function withQuery(target: string, params: URLSearchParams): string {
  const url = new URL(target);
  for (const [k, v] of params) url.searchParams.set(k, v);
  return url.toString();
}
