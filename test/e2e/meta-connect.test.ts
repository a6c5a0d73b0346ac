// Connecting a Facebook Page in a real browser against the built app: the channels page asks the API for Meta's
// dialog, the browser goes to the Graph fake's dialog (test/fakes/meta-graph-fake.ts), "Continue" sends it back
// to our callback, which stores the Page and lands on the channels page with the Page listed.
import { describe, expect, inject, it } from "vitest";
import { signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const t = useBrowserPage();

describe("Facebook Page connect", () => {
  it("goes through Meta's dialog and comes back with the Page connected", { timeout: 60_000 }, async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/channels`, { waitUntil: "networkidle" });
    await t.page.getByRole("button", { name: "Connect a Facebook Page" }).click();
    await t.page.getByRole("heading", { name: "Fake Meta login" }).waitFor({ timeout: 15_000 });
    expect(t.page.url()).toContain("/dialog/oauth");
    await t.page.getByRole("link", { name: "Continue" }).click();
    await t.page.waitForURL(/\/dashboard\/channels\?connected=facebook/, { timeout: 15_000 });
    await t.page.getByText("Facebook Page connected.").waitFor();
    await t.page
      .getByText(/^Fake Page \d+$/)
      .first()
      .waitFor();
    expect(new URL(t.page.url()).search).toBe("?connected=facebook");
  });
});
