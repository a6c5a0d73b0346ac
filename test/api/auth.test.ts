import { SELF, env } from "cloudflare:test";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { BASE, call } from "../support/api-client";
import { ageRefreshToken, authRequest, createUser, getAnonKey, uniqueEmail } from "../support/auth";

const secret = () => new TextEncoder().encode(env.AUTH_JWT_SECRET);

function claimsFor(sub: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub,
    role: "authenticated",
    aud: "authenticated",
    iat: now,
    exp: now + 600,
    email: "x@example.test",
    ...overrides,
  };
}

function sign(payload: Record<string, unknown>, key = secret()) {
  return new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);
}

function unsignedToken(payload: Record<string, unknown>) {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
}

describe("embedded auth (Supabase Auth wire format)", () => {
  it("signs up a user with a personal workspace they own", async () => {
    const user = await createUser("signup");
    const me = await call("/api/me", { headers: user.headers });
    expect(me.status).toBe(200);
    expect(me.body.user).toEqual({ id: user.id, email: user.email });
    expect(me.body.workspace).toMatchObject({ personal: true, role: "owner" });
    expect(me.body.workspaces).toHaveLength(1);
  });

  it("signs in with the right password only, with the same answer for unknown emails", async () => {
    const user = await createUser("signin");
    const ok = await authRequest("/token?grant_type=password", {
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(ok.status).toBe(200);
    const session = (await ok.json()) as any;
    expect(session).toMatchObject({ token_type: "bearer", expires_in: 3600, user: { id: user.id, email: user.email } });
    expect((await call("/api/me", { headers: { authorization: `Bearer ${session.access_token}` } })).status).toBe(200);

    for (const attempt of [
      { email: user.email, password: "wrong-password" },
      { email: uniqueEmail("ghost"), password: "whatever1" },
    ]) {
      const res = await authRequest("/token?grant_type=password", attempt);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        code: 400,
        error_code: "invalid_credentials",
        msg: "Invalid login credentials",
      });
    }
  });

  it("refuses duplicate emails, weak passwords and malformed emails", async () => {
    const user = await createUser("dupe");
    const dupe = await authRequest("/signup", { email: user.email, password: "another-password" });
    expect(dupe.status).toBe(422);
    expect(await dupe.json()).toMatchObject({ error_code: "user_already_exists" });
    const weak = await authRequest("/signup", { email: uniqueEmail("weak"), password: "short" });
    expect(weak.status).toBe(422);
    expect(await weak.json()).toMatchObject({ error_code: "weak_password" });
    const bad = await authRequest("/signup", { email: "not-an-email", password: "long-enough-password" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_code: "validation_failed" });
  });

  it("rotates refresh tokens and ends the session when a spent token is replayed after the reuse interval", async () => {
    const user = await createUser("refresh");
    const first = await authRequest("/token?grant_type=refresh_token", { refresh_token: user.refreshToken });
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as any;
    expect(rotated.refresh_token).not.toBe(user.refreshToken);

    // A replay inside GoTrue's 10 s reuse interval is a concurrent refresh; later it is theft.
    await ageRefreshToken(user.refreshToken, 11);
    const replay = await authRequest("/token?grant_type=refresh_token", { refresh_token: user.refreshToken });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error_code: "refresh_token_already_used" });
    const afterTheft = await authRequest("/token?grant_type=refresh_token", { refresh_token: rotated.refresh_token });
    expect(afterTheft.status).toBe(400);
  });

  it("signs out: the session's refresh token stops working", async () => {
    const user = await createUser("logout");
    const out = await authRequest("/logout?scope=global", {}, user.headers);
    expect(out.status).toBe(204);
    const res = await authRequest("/token?grant_type=refresh_token", { refresh_token: user.refreshToken });
    expect(res.status).toBe(400);
  });

  it("returns the user for GET /auth/v1/user and requires the apikey header", async () => {
    const user = await createUser("getuser");
    const res = await SELF.fetch(`${BASE}/auth/v1/user`, { headers: { ...user.headers, apikey: await getAnonKey() } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: user.id, email: user.email, aud: "authenticated" });
    const noKey = await SELF.fetch(`${BASE}/auth/v1/user`, { headers: user.headers });
    expect(noKey.status).toBe(401);
  });
});

describe("API authentication", () => {
  it.each([
    ["no credentials", async () => ({})],
    ["a malformed token", async () => ({ authorization: "Bearer not.a.jwt" })],
    [
      "an expired token",
      async () => ({ authorization: `Bearer ${await sign(claimsFor(crypto.randomUUID(), { exp: 1_000 }))}` }),
    ],
    [
      "a token signed with another key",
      async () => ({
        authorization: `Bearer ${await sign(claimsFor(crypto.randomUUID()), new TextEncoder().encode("x".repeat(48)))}`,
      }),
    ],
    ["an alg:none token", async () => ({ authorization: `Bearer ${unsignedToken(claimsFor(crypto.randomUUID()))}` })],
    ["the public anon key", async () => ({ authorization: `Bearer ${await getAnonKey()}` })],
    [
      "a token for another audience",
      async () => ({ authorization: `Bearer ${await sign(claimsFor(crypto.randomUUID(), { aud: "other" }))}` }),
    ],
  ])("rejects %s with 401 UNAUTHENTICATED", async (_name, headers) => {
    const res = await call("/api/me", { headers: await headers() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("treats a workspace the caller does not belong to as not found", async () => {
    const [alice, bob] = [await createUser("alice"), await createUser("bob")];
    const bobs = await call("/api/me", { headers: bob.headers });
    const res = await call("/api/me", { headers: { ...alice.headers, "x-workspace-id": bobs.body.workspace.id } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("RESOURCE_NOT_FOUND");
  });
});

describe("sign-in throttling", () => {
  it("throttles the 11th attempt within a minute, even with the right password, and audits every attempt", async () => {
    const user = await createUser("throttle");
    for (let i = 0; i < 10; i++) {
      const res = await authRequest("/token?grant_type=password", { email: user.email, password: `wrong-${i}` });
      expect(res.status).toBe(400);
    }
    const blocked = await authRequest("/token?grant_type=password", { email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    // Until the first attempt leaves the minute's window: 60 s less the time the ten attempts took.
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(45);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await blocked.json()).toMatchObject({ error_code: "over_request_rate_limit" });

    const audit = await call("/api/audit-log?limit=50", { headers: user.headers });
    expect(audit.status).toBe(200);
    const events = audit.body.entries.map((e: { event: string }) => e.event);
    expect(events.filter((e: string) => e === "auth.sign_in_failed")).toHaveLength(10);
    expect(events).toContain("auth.sign_in_throttled");
    expect(events).toContain("auth.sign_up");
  });
});

describe("Supabase mode with the legacy HS256 secret", () => {
  it("verifies HS256 tokens with SUPABASE_JWT_SECRET and rejects other algorithms and keys", async () => {
    const { verifyAccessToken } = await import("../../workers/auth/tokens");
    const { authConfig } = await import("../../workers/auth/auth-config");
    const legacySecret = "legacy-supabase-jwt-secret-0123456789abcdef";
    const config = authConfig({ ...env, SUPABASE_URL: "http://127.0.0.1:9", SUPABASE_JWT_SECRET: legacySecret });
    expect(config.mode).toBe("supabase");
    const sub = crypto.randomUUID();
    const good = await sign(claimsFor(sub), new TextEncoder().encode(legacySecret));
    await expect(verifyAccessToken(config, good)).resolves.toMatchObject({ sub, role: "authenticated" });
    const wrongKey = await sign(claimsFor(sub), secret());
    await expect(verifyAccessToken(config, wrongKey)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(verifyAccessToken(config, unsignedToken(claimsFor(sub)))).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});
