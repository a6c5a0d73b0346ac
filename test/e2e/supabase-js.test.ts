// An integrator's view: the official @supabase/supabase-js client against the running app.
import { createClient } from "@supabase/supabase-js";
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

async function client() {
  const config = (await (await fetch(`${baseUrl}/api/auth/config`)).json()) as {
    mode: string;
    supabaseUrl: string;
    anonKey: string;
  };
  expect(config.mode).toBe("embedded");
  return createClient(config.supabaseUrl, config.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

describe("@supabase/supabase-js against the running app", () => {
  it("signs up, signs in, refreshes, calls the API and signs out", async () => {
    const supabase = await client();
    const email = `js-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const password = "a-long-enough-password";

    const signUp = await supabase.auth.signUp({ email, password, options: { data: { fullName: "Grace Hopper" } } });
    expect(signUp.error).toBeNull();
    expect(signUp.data.user?.email).toBe(email);
    expect(signUp.data.user?.user_metadata).toMatchObject({ fullName: "Grace Hopper" });

    const signIn = await supabase.auth.signInWithPassword({ email, password });
    expect(signIn.error).toBeNull();
    const session = signIn.data.session!;

    const refreshed = await supabase.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).not.toBe(session.refresh_token);

    const { data: userData } = await supabase.auth.getUser();
    expect(userData.user?.id).toBe(signUp.data.user?.id);

    const me = await fetch(`${baseUrl}/api/me`, {
      headers: { authorization: `Bearer ${refreshed.data.session!.access_token}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(email);

    expect((await supabase.auth.signOut()).error).toBeNull();
    const reuse = await supabase.auth.refreshSession({ refresh_token: refreshed.data.session!.refresh_token });
    expect(reuse.error).not.toBeNull();
  });

  it("reports a wrong password as supabase-js's invalid_credentials error", async () => {
    const supabase = await client();
    const { error } = await supabase.auth.signInWithPassword({
      email: "nobody@example.test",
      password: "nope-nope-nope",
    });
    expect(error?.code).toBe("invalid_credentials");
    expect(error?.message).toBe("Invalid login credentials");
  });

  it("recovers a password on a bare machine: the e-mail waits in the dev mailbox, its link signs in", async () => {
    const supabase = await client();
    const email = `js-recover-${crypto.randomUUID().slice(0, 8)}@example.test`;
    expect((await supabase.auth.signUp({ email, password: "a-long-enough-password" })).error).toBeNull();
    await supabase.auth.signOut();
    expect((await supabase.auth.resetPasswordForEmail(email, { redirectTo: `${baseUrl}/dashboard` })).error).toBeNull();

    // A local server (loopback, no SMTP_URL) shows every stored message to a signed-out visitor.
    const page = await (await fetch(`${baseUrl}/dev/mailbox`)).text();
    expect(page).toContain(email);
    const link = /href="([^"]*\/auth\/v1\/verify\?[^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, "&");
    expect(link).toBeDefined();
    const opened = await fetch(link!, { redirect: "manual" });
    expect(opened.status).toBe(303);
    const fragment = new URLSearchParams(new URL(opened.headers.get("location")!).hash.slice(1));
    expect(fragment.get("type")).toBe("recovery");
    const session = await supabase.auth.setSession({
      access_token: fragment.get("access_token")!,
      refresh_token: fragment.get("refresh_token")!,
    });
    expect(session.error).toBeNull();
    expect((await supabase.auth.updateUser({ password: "the-new-password-1" })).error).toBeNull();
    expect(
      (await (await client()).auth.signInWithPassword({ email, password: "the-new-password-1" })).error,
    ).toBeNull();
  });
});
