import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, signUpInBrowser, watchErrors } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  errors = watchErrors(page);
});
afterEach(() => context.close());

describe("signing in and out in the browser", () => {
  it("sends signed-out visitors to sign-in and back to where they were going", async () => {
    await page.goto(`${baseUrl}/dashboard/crm`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL((url) => url.pathname === "/signup");
    const fill = async () => {
      await page.getByLabel("Email").fill(`e2e-${crypto.randomUUID().slice(0, 8)}@example.test`);
      await page.getByLabel("Password").fill("correct-horse-battery");
      await page.getByRole("button", { name: "Create account" }).click();
    };
    await fill();
    await page.waitForURL(`${baseUrl}/dashboard/crm`);
    await page.getByRole("heading", { name: "CRM pipeline" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("keeps the session in an httpOnly cookie that survives a reload and authenticates API calls", async () => {
    const { email } = await signUpInBrowser(page, baseUrl);
    const cookies = await context.cookies();
    const session = cookies.filter((c) => c.name.startsWith("rl-auth"));
    expect(session.length).toBeGreaterThan(0);
    expect(session.every((c) => c.httpOnly && c.sameSite === "Lax")).toBe(true);
    expect(await page.evaluate(() => document.cookie)).not.toContain("rl-auth");

    await page.reload({ waitUntil: "networkidle" });
    expect(new URL(page.url()).pathname).toBe("/dashboard/leads");
    await page.getByText(email).waitFor();
    const me = (await page.evaluate(async () => (await fetch("/api/me")).json())) as { user: { email: string } };
    expect(me.user.email).toBe(email);
    await screenshot(page, "leads-signed-in");
  });

  it("shows a wrong password inline and signs out cleanly", async () => {
    const { email, password } = await signUpInBrowser(page, baseUrl);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto(`${baseUrl}/dashboard/leads`);
    expect(new URL(page.url()).pathname).toBe("/login");

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toBe("Invalid login credentials");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/dashboard/leads`);
  });
});
