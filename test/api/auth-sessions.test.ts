// Concurrent refreshes (GoTrue's reuse interval) and sign-out revoking the session's access tokens.
import { SELF } from "cloudflare:test";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { BASE, call } from "../support/api-client";
import { ageRefreshToken, authRequest, createUser, getAnonKey } from "../support/auth";

const refresh = (token: string) => authRequest("/token?grant_type=refresh_token", { refresh_token: token });

async function getUser(accessToken: string) {
  return SELF.fetch(`${BASE}/auth/v1/user`, {
    headers: { authorization: `Bearer ${accessToken}`, apikey: await getAnonKey() },
  });
}

describe("concurrent refreshes of one refresh token", () => {
  it.each([2, 3, 5])("%i parallel refreshes all get a working session in the same session, never a 500", async (n) => {
    const user = await createUser(`parallel-refresh-${n}`);
    const sessionId = decodeJwt(user.accessToken).session_id;
    const responses = await Promise.all(Array.from({ length: n }, () => refresh(user.refreshToken)));
    expect(responses.map((r) => r.status)).toEqual(Array(n).fill(200));
    const sessions = (await Promise.all(responses.map((r) => r.json()))) as {
      access_token: string;
      refresh_token: string;
    }[];
    for (const session of sessions) {
      expect(decodeJwt(session.access_token).session_id).toBe(sessionId);
      expect((await call("/api/me", { headers: { authorization: `Bearer ${session.access_token}` } })).status).toBe(
        200,
      );
    }
    // Still signed in: each new refresh token keeps working.
    expect((await refresh(sessions[0]!.refresh_token)).status).toBe(200);
  });

  it("treats a reuse after the 10 s interval as theft and ends the session", async () => {
    const user = await createUser("refresh-theft");
    const rotated = (await (await refresh(user.refreshToken)).json()) as {
      access_token: string;
      refresh_token: string;
    };
    await ageRefreshToken(user.refreshToken, 11);
    const replay = await refresh(user.refreshToken);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error_code: "refresh_token_already_used" });
    expect((await refresh(rotated.refresh_token)).status).toBe(400);
    const me = await call("/api/me", { headers: { authorization: `Bearer ${rotated.access_token}` } });
    expect(me.status).toBe(401);
  });
});

describe("sign-out revokes the session's access tokens", () => {
  it("refuses them on the API (401, reason session_not_found) and on GET /auth/v1/user (GoTrue's 403 session_not_found)", async () => {
    const user = await createUser("revoked");
    expect((await call("/api/me", { headers: user.headers })).status).toBe(200);
    expect((await authRequest("/logout?scope=local", {}, user.headers)).status).toBe(204);

    const me = await call("/api/me", { headers: user.headers });
    expect(me.status).toBe(401);
    expect(me.body.error).toMatchObject({ code: "UNAUTHENTICATED", details: { reason: "session_not_found" } });
    const res = await getUser(user.accessToken);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 403, error_code: "session_not_found" });
  });

  it("ends only the other sessions with scope=others", async () => {
    const user = await createUser("others");
    const second = (await (
      await authRequest("/token?grant_type=password", { email: user.email, password: user.password })
    ).json()) as { access_token: string };
    expect((await authRequest("/logout?scope=others", {}, user.headers)).status).toBe(204);
    expect((await call("/api/me", { headers: user.headers })).status).toBe(200);
    expect((await call("/api/me", { headers: { authorization: `Bearer ${second.access_token}` } })).status).toBe(401);
  });

  it("answers an unknown scope with 400 and keeps the session", async () => {
    const user = await createUser("bad-scope");
    const res = await authRequest("/logout?scope=everywhere", {}, user.headers);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 400, error_code: "validation_failed" });
    expect((await call("/api/me", { headers: user.headers })).status).toBe(200);
  });

  it("answers malformed and expired tokens on GET /auth/v1/user with 403 bad_jwt", async () => {
    const { SignJWT } = await import("jose");
    const { env } = await import("cloudflare:test");
    const expired = await new SignJWT({
      role: "authenticated",
      aud: "authenticated",
      sub: crypto.randomUUID(),
      exp: 1000,
    })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(env.AUTH_JWT_SECRET));
    for (const token of ["not.a.jwt", expired]) {
      const res = await getUser(token);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 403, error_code: "bad_jwt" });
    }
  });
});
