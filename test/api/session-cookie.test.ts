// The web app's httpOnly session cookie authenticates API calls; cross-site writes cannot ride on it.
import { stringToBase64URL } from "@supabase/ssr";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { authRequest, uniqueEmail } from "../support/auth";

async function sessionCookie(): Promise<string> {
  const res = await authRequest("/signup", { email: uniqueEmail("cookie"), password: "cookie-password-1" });
  const session = await res.json();
  return `rl-auth=base64-${stringToBase64URL(JSON.stringify(session))}`;
}

describe("session cookie authentication", () => {
  it("authenticates same-origin reads and writes", async () => {
    const cookie = await sessionCookie();
    expect((await call("/api/me", { headers: { cookie } })).status).toBe(200);
    const created = await postJson(
      "/api/workspaces",
      { name: "From the web app" },
      { cookie, origin: "http://app.test" },
    );
    expect(created.status).toBe(201);
  });

  it("refuses cross-site writes that carry the cookie", async () => {
    const cookie = await sessionCookie();
    const forged = await postJson("/api/workspaces", { name: "CSRF" }, { cookie, origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe("FORBIDDEN");
    const noOrigin = await postJson("/api/workspaces", { name: "CSRF" }, { cookie });
    expect(noOrigin.status).toBe(403);
  });

  it("treats a tampered cookie as signed out", async () => {
    const res = await call("/api/me", {
      headers: {
        cookie: `rl-auth=base64-${stringToBase64URL('{"access_token":"forged","refresh_token":"x","expires_at":9999999999}')}`,
      },
    });
    expect(res.status).toBe(401);
  });
});

describe("session cookie lifetime and Secure flag", () => {
  /** A cookie whose access token has expired, so the next use refreshes the session and re-issues it. */
  async function staleCookie(): Promise<string> {
    const res = await authRequest("/signup", { email: uniqueEmail("stale"), password: "cookie-password-1" });
    const session = (await res.json()) as Record<string, unknown>;
    const stale = { ...session, expires_at: Math.floor(Date.now() / 1000) - 60 };
    return `rl-auth=base64-${stringToBase64URL(JSON.stringify(stale))}`;
  }

  function sessionSetCookie(headers: Headers): string {
    const cookie = headers.getSetCookie().find((c) => c.startsWith("rl-auth="));
    expect(cookie).toBeDefined();
    return cookie!;
  }

  it("re-issues the cookie on use with a sliding 30-day lifetime, Secure over https", async () => {
    const res = await SELF.fetch("https://app.test/api/me", { headers: { cookie: await staleCookie() } });
    expect(res.status).toBe(200);
    const cookie = sessionSetCookie(res.headers);
    expect(cookie).toMatch(/Max-Age=2592000(;|$)/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
  });

  it("is not Secure over plain http, even when the client claims X-Forwarded-Proto: https", async () => {
    const res = await SELF.fetch("http://app.test/api/me", {
      headers: { cookie: await staleCookie(), "x-forwarded-proto": "https" },
    });
    expect(res.status).toBe(200);
    const cookie = sessionSetCookie(res.headers);
    expect(cookie).toMatch(/Max-Age=2592000(;|$)/);
    expect(cookie).not.toMatch(/; Secure/);
  });
});
