import { describe, expect, inject, it } from "vitest";
import { hasHorizontalScroll, screenshot, signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const t = useBrowserPage();

describe("the app shell in a real browser", () => {
  it("renders the home page without console errors and hydrates", async () => {
    const res = await t.page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    expect(res?.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // A strict, per-request nonce policy; any violation would show up as a console error below.
    const headers = (await res?.allHeaders()) ?? {};
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(csp)?.[1];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(nonce).toBeDefined();
    expect(await res?.text()).toContain(`nonce="${nonce}"`);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    await expect(t.page.title()).resolves.toContain("Rarity Leads");
    expect(await t.page.getByRole("heading", { level: 1 }).textContent()).toContain("Describe your ideal client");
    await screenshot(t.page, "home-desktop");
    expect(t.errors).toEqual([]);
  });

  it("navigates client-side between leads and CRM and marks the current section", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    await t.page.getByRole("link", { name: "Generate leads" }).click();
    await t.page.waitForURL(`${baseUrl}/dashboard/leads`);
    await t.page.getByRole("heading", { level: 1, name: "Leads", exact: true }).waitFor();
    const nav = t.page.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Leads" }).getAttribute("aria-current")).toBe("page");

    await nav.getByRole("link", { name: "CRM" }).click();
    await t.page.waitForURL(`${baseUrl}/dashboard/crm`);
    await t.page.getByRole("heading", { level: 1, name: "CRM pipeline" }).waitFor();
    expect(await nav.getByRole("link", { name: "CRM" }).getAttribute("aria-current")).toBe("page");
    await expect(t.page.title()).resolves.toBe("CRM — Rarity Leads");
    expect(t.errors).toEqual([]);
  });

  it("redirects /dashboard to the leads page", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard`);
    expect(new URL(t.page.url()).pathname).toBe("/dashboard/leads");
  });

  it("shows a 404 page with a 404 status for unknown pages", async () => {
    const res = await t.page.goto(`${baseUrl}/no/such/page`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(404);
    await t.page.getByRole("heading", { level: 1, name: "This page does not exist" }).waitFor();
    await t.page.getByRole("link", { name: "Go to your leads" }).click();
    await t.page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("next") === "/dashboard/leads");
    expect(t.errors.filter((e) => !e.includes("404"))).toEqual([]);
  });

  it("fits a 390 px phone screen without sideways scrolling", async () => {
    await t.page.setViewportSize({ width: 390, height: 844 });
    await signUpInBrowser(t.page, baseUrl);
    for (const path of ["/", "/login", "/dashboard/leads", "/dashboard/crm"]) {
      await t.page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
      expect(await hasHorizontalScroll(t.page), path).toBe(false);
    }
    // Every tab fully visible (none cut off behind the nav's edge) and "Sign out" on one line.
    const header = await t.page.evaluate(() => {
      const nav = document.querySelector('nav[aria-label="Main"]')!;
      const navBox = nav.getBoundingClientRect();
      const clipped = [...nav.querySelectorAll("a")].filter((a) => {
        const box = a.getBoundingClientRect();
        return box.left < navBox.left - 0.5 || box.right > navBox.right + 0.5;
      });
      const signOut = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Sign out")!;
      const lineHeight = parseFloat(getComputedStyle(signOut).lineHeight);
      return {
        clipped: clipped.map((a) => a.textContent),
        signOutLines: Math.round(signOut.getBoundingClientRect().height / lineHeight),
      };
    });
    expect(header.clipped).toEqual([]);
    expect(header.signOutLines).toBeLessThanOrEqual(2); // its padding adds < one line
    await screenshot(t.page, "crm-mobile");
  });

  it("serves a healthy API from the same origin", async () => {
    const res = await t.page.request.get(`${baseUrl}/api/health`);
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", db: "ok" });
  });
});
