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
