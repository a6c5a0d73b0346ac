// /auth/v1 is limited like the API: body size, metadata size, per-IP and per-address limits, and an atomic
// sign-in lockout.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createLocalAuthApi } from "../../workers/auth/local-auth.routes";
import { authRequest, createUser, getAnonKey, uniqueEmail } from "../support/auth";

/** Calls the auth server with other limits than the suite's (as one more isolate would). */
async function direct(path: string, body: unknown, overrides: Partial<Env>, headers: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const request = new Request(`http://app.test/auth/v1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", apikey: await getAnonKey(), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await createLocalAuthApi().fetch(request, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("sign-in lockout", () => {
  it("lets at most 10 of 30 parallel wrong-password attempts reach the password check", async () => {
    const user = await createUser("parallel-lockout");
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        authRequest("/token?grant_type=password", { email: user.email, password: `wrong-${i}` }),
      ),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { error_code: string }[];
    const checked = bodies.filter((b) => b.error_code === "invalid_credentials").length;
    const throttled = responses.filter(
      (r, i) => r.status === 429 && bodies[i]!.error_code === "over_request_rate_limit",
    ).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(checked + throttled).toBe(30);
  });
});

describe("per-IP and per-address limits", () => {
  it("limits sign-ups per client IP", async () => {
    const limits = { AUTH_RATE_LIMIT_IP_PER_MINUTE: "2" };
    // The loopback IP's bucket is shared with the rest of the suite: drain it under the low limit first.
    let res: Response;
    let attempts = 0;
    do {
      res = await direct("/signup", { email: uniqueEmail("ip-limit"), password: "long-enough-1" }, limits);
      attempts++;
    } while (res.status === 200 && attempts < 5);
    expect(attempts).toBeLessThanOrEqual(3);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await res.json()).toMatchObject({ code: 429, error_code: "over_request_rate_limit" });
  });

  it("limits recovery e-mails per address, whatever the IP", async () => {
    const user = await createUser("email-limit");
    const limits = { AUTH_RATE_LIMIT_EMAIL_PER_HOUR: "2" };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await direct("/recover", { email: user.email }, limits)).status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses[2]).toBe(429);
    const other = await createUser("email-limit-other");
    expect((await direct("/recover", { email: other.email }, limits)).status).toBe(200);
  });
});

describe("body and metadata limits", () => {
  it("refuses a body over API_BODY_LIMIT_BYTES with 413 in GoTrue's error shape", async () => {
    const big = JSON.stringify({
      email: uniqueEmail("big"),
      password: "long-enough-1",
      data: { pad: "x".repeat(5000) },
    });
    const res = await direct("/signup", big, { API_BODY_LIMIT_BYTES: "4096" });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 413, error_code: "request_too_large" });
  });

  it("refuses user_metadata over 16 KB on sign-up and on PUT /user", async () => {
    const data = { bio: "x".repeat(17 * 1024) };
    const signUp = await authRequest("/signup", { email: uniqueEmail("meta"), password: "long-enough-1", data });
    expect(signUp.status).toBe(422);
    expect(await signUp.json()).toMatchObject({ code: 422, error_code: "validation_failed" });

    const user = await createUser("meta-update");
    const update = await SELFput("/user", { data }, user.headers);
    expect(update.status).toBe(422);
    const fits = await SELFput("/user", { data: { bio: "x".repeat(15 * 1024) } }, user.headers);
    expect(fits.status).toBe(200);
  });
});

async function SELFput(path: string, body: unknown, headers: Record<string, string>) {
  const { SELF } = await import("cloudflare:test");
  return SELF.fetch(`http://app.test/auth/v1${path}`, {
    method: "PUT",
    headers: { "content-type": "application/json", apikey: await getAnonKey(), ...headers },
    body: JSON.stringify(body),
  });
}
