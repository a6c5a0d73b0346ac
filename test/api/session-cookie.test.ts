// The web app's httpOnly session cookie authenticates API calls; cross-site writes cannot ride on it.
import { stringToBase64URL } from "@supabase/ssr";
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
    const created = await postJson("/api/workspaces", { name: "From the web app" }, { cookie, origin: "http://app.test" });
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
    const res = await call("/api/me", { headers: { cookie: `rl-auth=base64-${stringToBase64URL('{"access_token":"forged","refresh_token":"x","expires_at":9999999999}')}` } });
    expect(res.status).toBe(401);
  });
});
