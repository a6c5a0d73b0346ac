// GoTrue behaviours, checked with the real @supabase/supabase-js client against the embedded auth server.
import { SELF } from "cloudflare:test";
import { AuthWeakPasswordError, createClient } from "@supabase/supabase-js";
import type { AuthChangeEvent } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import { BASE } from "../support/api-client";
import { createUser, getAnonKey, uniqueEmail } from "../support/auth";
import { latestMail, linkAndCode } from "../support/mailbox";

async function client(flowType: "pkce" | "implicit" = "pkce") {
  return createClient(BASE, await getAnonKey(), {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, flowType },
    global: { fetch: (input, init) => SELF.fetch(input as string, init) },
  });
}

async function signedIn(label: string) {
  const user = await createUser(label);
  const supabase = await client();
  const { error } = await supabase.auth.signInWithPassword({ email: user.email, password: user.password });
  expect(error).toBeNull();
  return { user, supabase };
}

describe("updateUser (PUT /auth/v1/user)", () => {
  it("changes e-mail, password and metadata, and emits USER_UPDATED", async () => {
    const { user, supabase } = await signedIn("update");
    const events: AuthChangeEvent[] = [];
    supabase.auth.onAuthStateChange((event) => void events.push(event));
    const newEmail = uniqueEmail("updated");
    const { data, error } = await supabase.auth.updateUser({
      email: newEmail,
      password: "a-brand-new-password",
      data: { plan: "pro" },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: newEmail, user_metadata: { plan: "pro" } });
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toContain("USER_UPDATED");

    const again = await client();
    expect(
      (await again.auth.signInWithPassword({ email: newEmail, password: "a-brand-new-password" })).error,
    ).toBeNull();
    expect((await again.auth.signInWithPassword({ email: user.email, password: user.password })).error?.code).toBe(
      "invalid_credentials",
    );
  });

  it("refuses a weak new password with weak_password and its reasons, and a taken e-mail", async () => {
    const { supabase } = await signedIn("update-weak");
    const weak = await supabase.auth.updateUser({ password: "short" });
    expect(weak.error).toBeInstanceOf(AuthWeakPasswordError);
    expect(weak.error).toMatchObject({ status: 422, code: "weak_password", reasons: ["length"] });
    const other = await createUser("taken");
    const taken = await supabase.auth.updateUser({ email: other.email });
    expect(taken.error).toMatchObject({ status: 422, code: "email_exists" });
  });
});

describe("password recovery", () => {
  it("resetPasswordForEmail → e-mailed link → PKCE code exchange → new password", async () => {
    const user = await createUser("recover-pkce");
    const supabase = await client("pkce");
    expect((await supabase.auth.resetPasswordForEmail(user.email, { redirectTo: `${BASE}/reset` })).error).toBeNull();
    const { link } = linkAndCode((await latestMail(user.email)).bodyText);

    const opened = await SELF.fetch(link, { redirect: "manual" });
    expect(opened.status).toBe(303);
    const location = new URL(opened.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(`${BASE}/reset`);
    const code = location.searchParams.get("code")!;
    const exchanged = await supabase.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user?.id).toBe(user.id);

    expect((await supabase.auth.updateUser({ password: "recovered-password-1" })).error).toBeNull();
    expect(
      (await (await client()).auth.signInWithPassword({ email: user.email, password: "recovered-password-1" })).error,
    ).toBeNull();
    // The link is single use.
    const reused = await SELF.fetch(link, { redirect: "manual" });
    expect(reused.headers.get("location")).toContain("error_code=otp_expired");
  });

  it("verifyOtp with the e-mailed code signs in for recovery; a wrong or reused code is otp_expired", async () => {
    const user = await createUser("recover-otp");
    const supabase = await client("implicit");
    await supabase.auth.resetPasswordForEmail(user.email);
    const { code } = linkAndCode((await latestMail(user.email)).bodyText);
    const wrong = await supabase.auth.verifyOtp({
      email: user.email,
      token: code === "000000" ? "111111" : "000000",
      type: "recovery",
    });
    expect(wrong.error).toMatchObject({ status: 403, code: "otp_expired" });
    const ok = await supabase.auth.verifyOtp({ email: user.email, token: code, type: "recovery" });
    expect(ok.error).toBeNull();
    expect(ok.data.session?.user.id).toBe(user.id);
    expect((await supabase.auth.verifyOtp({ email: user.email, token: code, type: "recovery" })).error?.code).toBe(
      "otp_expired",
    );
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const supabase = await client();
    const email = uniqueEmail("nobody");
    expect((await supabase.auth.resetPasswordForEmail(email)).error).toBeNull();
    await expect(latestMail(email)).rejects.toThrow(/no mail/);
  });
});

describe("magic link (signInWithOtp)", () => {
  it("e-mails a link and a code; verifyOtp with the token hash or the code signs in", async () => {
    const email = uniqueEmail("magic");
    const supabase = await client();
    expect((await supabase.auth.signInWithOtp({ email, options: { data: { source: "otp" } } })).error).toBeNull();
    const first = linkAndCode((await latestMail(email)).bodyText);
    const tokenHash = new URL(first.link).searchParams.get("token")!;
    const byHash = await supabase.auth.verifyOtp({ token_hash: tokenHash, type: "magiclink" });
    expect(byHash.error).toBeNull();
    expect(byHash.data.user).toMatchObject({ email, user_metadata: { source: "otp" } });

    await supabase.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    const second = linkAndCode((await latestMail(email)).bodyText);
    const byCode = await supabase.auth.verifyOtp({ email, token: second.code, type: "email" });
    expect(byCode.error).toBeNull();
    expect(byCode.data.session?.access_token).toBeTruthy();
  });

  it("refuses an unknown address when shouldCreateUser is false", async () => {
    const supabase = await client();
    const { error } = await supabase.auth.signInWithOtp({
      email: uniqueEmail("no-create"),
      options: { shouldCreateUser: false },
    });
    expect(error).toMatchObject({ status: 422, code: "otp_disabled" });
  });
});

describe("GoTrue error codes through supabase-js", () => {
  it("duplicate sign-up: 422 user_already_exists; weak password: 422 weak_password with reasons", async () => {
    const user = await createUser("dupe-js");
    const supabase = await client();
    const dupe = await supabase.auth.signUp({ email: user.email, password: "another-long-password" });
    expect(dupe.error).toMatchObject({ status: 422, code: "user_already_exists" });
    const weak = await supabase.auth.signUp({ email: uniqueEmail("weak-js"), password: "short" });
    expect(weak.error).toBeInstanceOf(AuthWeakPasswordError);
    expect(weak.error).toMatchObject({ status: 422, code: "weak_password", reasons: ["length"] });
  });

  it("expired or malformed token: 403 bad_jwt", async () => {
    const supabase = await client();
    const { error } = await supabase.auth.getUser("not.a.jwt");
    expect(error).toMatchObject({ status: 403, code: "bad_jwt" });
  });

  it("revoked session: getUser fails with supabase-js's session-missing error (GoTrue's session_not_found)", async () => {
    const { supabase } = await signedIn("revoked-js");
    const { data } = await supabase.auth.getSession();
    const elsewhere = await client();
    await elsewhere.auth.setSession({
      access_token: data.session!.access_token,
      refresh_token: data.session!.refresh_token,
    });
    expect((await elsewhere.auth.signOut({ scope: "global" })).error).toBeNull();
    const { error } = await supabase.auth.getUser();
    expect(error?.name).toBe("AuthSessionMissingError");
  });

  it("unknown sign-out scope: supabase-js refuses it, and the server answers 400 validation_failed", async () => {
    const { supabase } = await signedIn("scope-js");
    await expect(supabase.auth.signOut({ scope: "everywhere" as "global" })).rejects.toThrow(/scope/);
    const { data } = await supabase.auth.getSession();
    const res = await SELF.fetch(`${BASE}/auth/v1/logout?scope=everywhere`, {
      method: "POST",
      headers: { apikey: await getAnonKey(), authorization: `Bearer ${data.session!.access_token}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: "validation_failed" });
    expect((await supabase.auth.getUser()).error).toBeNull();
  });
});
