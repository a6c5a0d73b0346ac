import { describe, expect, inject, it } from "vitest";
import { screenshot, signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const t = useBrowserPage();

describe("signing in and out in the browser", () => {
  it("sends signed-out visitors to sign-in and back to where they were going", async () => {
    await t.page.goto(`${baseUrl}/dashboard/crm`);
    expect(new URL(t.page.url()).pathname).toBe("/login");
    await t.page.getByRole("link", { name: "Create an account" }).click();
    await t.page.waitForURL((url) => url.pathname === "/signup");
    const fill = async () => {
      await t.page.getByLabel("Email").fill(`e2e-${crypto.randomUUID().slice(0, 8)}@example.test`);
      await t.page.getByLabel("Password").fill("correct-horse-battery");
      await t.page.getByRole("button", { name: "Create account" }).click();
    };
    await fill();
    await t.page.waitForURL(`${baseUrl}/dashboard/crm`);
    await t.page.getByRole("heading", { name: "CRM pipeline" }).waitFor();
    expect(t.errors).toEqual([]);
  });

  it("keeps the session in an httpOnly cookie that survives a reload and authenticates API calls", async () => {
    const { email } = await signUpInBrowser(t.page, baseUrl);
    const cookies = await t.context.cookies();
    const session = cookies.filter((c) => c.name.startsWith("rl-auth"));
    expect(session.length).toBeGreaterThan(0);
    expect(session.every((c) => c.httpOnly && c.sameSite === "Lax")).toBe(true);
    expect(await t.page.evaluate(() => document.cookie)).not.toContain("rl-auth");

    await t.page.reload({ waitUntil: "networkidle" });
    expect(new URL(t.page.url()).pathname).toBe("/dashboard/leads");
    await t.page.getByText(email).waitFor();
    const me = (await t.page.evaluate(async () => (await fetch("/api/me")).json())) as { user: { email: string } };
    expect(me.user.email).toBe(email);
    await screenshot(t.page, "leads-signed-in");
  });

  it("shows a wrong password inline and signs out cleanly", async () => {
    const { email, password } = await signUpInBrowser(t.page, baseUrl);
    await t.page.getByRole("button", { name: "Sign out" }).click();
    await t.page.waitForURL((url) => url.pathname === "/login");
    await t.page.goto(`${baseUrl}/dashboard/leads`);
    expect(new URL(t.page.url()).pathname).toBe("/login");

    await t.page.getByLabel("Email").fill(email);
    await t.page.getByLabel("Password").fill("not-the-password");
    await t.page.getByRole("button", { name: "Sign in" }).click();
    await expect(t.page.getByRole("alert").textContent()).resolves.toBe("Invalid login credentials");
    await t.page.getByLabel("Password").fill(password);
    await t.page.getByRole("button", { name: "Sign in" }).click();
    await t.page.waitForURL(`${baseUrl}/dashboard/leads`);
  });
});

describe("redirects after signing in", () => {
  it("never leaves the site, whatever ?next= says (a tab makes /\t/evil.example protocol-relative)", async () => {
    await t.page.goto(`${baseUrl}/signup?next=${encodeURIComponent("/\t/evil.example")}`);
    await t.page.getByLabel("Email").fill(`e2e-next-${crypto.randomUUID().slice(0, 8)}@example.test`);
    await t.page.getByLabel("Password").fill("correct-horse-battery");
    await t.page.getByRole("button", { name: "Create account" }).click();
    await t.page.waitForURL(`${baseUrl}/dashboard/leads`);
    expect(new URL(t.page.url()).origin).toBe(baseUrl);
  });
});

describe("joining a workspace from an invitation link", () => {
  it("takes a new invitee through sign-up to the invitation and into the workspace", async () => {
    const config = (await (await fetch(`${baseUrl}/api/auth/config`)).json()) as { anonKey: string };
    const signUp = async (email: string) => {
      const res = await fetch(`${baseUrl}/auth/v1/signup`, {
        method: "POST",
        headers: { apikey: config.anonKey, "content-type": "application/json" },
        body: JSON.stringify({ email, password: "owner-password-123" }),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const ownerToken = await signUp(`owner-${crypto.randomUUID().slice(0, 8)}@example.test`);
    const inviteeEmail = `invitee-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const invited = (await (
      await fetch(`${baseUrl}/api/invitations`, {
        method: "POST",
        headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
        body: JSON.stringify({ email: inviteeEmail, role: "member" }),
      })
    ).json()) as { acceptUrl: string };
    const invitePath = new URL(invited.acceptUrl).pathname;

    await t.page.goto(`${baseUrl}${invitePath}`);
    expect(new URL(t.page.url()).pathname).toBe("/login");
    await t.page.getByRole("link", { name: "Create an account" }).click();
    await t.page.getByRole("heading", { name: "Create your account" }).waitFor();
    await t.page.getByLabel("Email").fill(inviteeEmail);
    await t.page.getByLabel("Password").fill("invitee-password-123");
    await t.page.getByRole("button", { name: "Create account" }).click();
    await t.page.waitForURL(`${baseUrl}${invitePath}`);
    await t.page.getByRole("heading", { name: /^Join / }).waitFor();
    await t.page.getByRole("button", { name: "Join workspace" }).click();
    await t.page.waitForURL(`${baseUrl}/dashboard/leads`);

    const me = (await t.page.evaluate(async () => (await fetch("/api/me")).json())) as {
      workspace: { name: string; role: string };
      workspaces: { name: string; role: string }[];
    };
    // Joining adds the team's workspace; the invitee still starts in their own.
    expect(me.workspace).toMatchObject({ name: expect.stringMatching(/^invitee-/), role: "owner" });
    expect(me.workspaces).toEqual([
      me.workspace,
      expect.objectContaining({ name: expect.stringMatching(/^owner-/), role: "member" }),
    ]);
    expect(t.errors).toEqual([]);
  });
});
