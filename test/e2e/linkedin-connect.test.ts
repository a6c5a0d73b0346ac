// Connecting LinkedIn in a real browser against the built app: the page says plainly that this uses the rep's own
// LinkedIn session, the rep pastes a cookie, and the app's session-host checks it with the local Voyager fake
// (test/fakes/linkedin-voyager-fake.ts) and reports back live. A cookie LinkedIn challenges shows the checkpoint
// with what to do, and a fresh cookie pasted on the card connects it. A lead's LinkedIn message reaches the inbox.
import { describe, expect, inject, it } from "vitest";
import { signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const fakeUrl = inject("linkedinFakeUrl");
const t = useBrowserPage();
const liAt = (tag = "") => `AQEDAR${tag}${crypto.randomUUID().replaceAll("-", "")}`;

describe("LinkedIn", () => {
  it("connects with the rep's own session cookie, shows a checkpoint and takes a fresh cookie", {
    timeout: 90_000,
  }, async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/channels`, { waitUntil: "networkidle" });
    await t.page.getByRole("button", { name: "Connect LinkedIn" }).click();
    const form = t.page.getByRole("form", { name: "Connect LinkedIn" });
    await form.getByText("This uses your own LinkedIn session").waitFor();

    // First a cookie LinkedIn wants to re-verify: the card says so, in words the rep can act on.
    await form.getByLabel(/A name for this account/).fill("Ana's LinkedIn");
    await form.getByLabel("Your li_at cookie").fill(liAt("checkpoint"));
    await form.getByRole("button", { name: "Connect with my session" }).click();
    const card = t.page.locator("li", { hasText: "Ana's LinkedIn" });
    await card.getByText("Security check needed").waitFor({ timeout: 30_000 });
    await card.getByText(/complete the check, then connect again/).waitFor();
    await card.getByText("This uses your own LinkedIn session").waitFor();

    // The rep cleared the check in the browser and pastes a fresh cookie on the card.
    const cookie = liAt();
    const renew = card.getByRole("form", { name: "Paste a fresh LinkedIn cookie" });
    await renew.getByLabel("Your li_at cookie").fill(cookie);
    await renew.getByRole("button", { name: "Connect with the fresh cookie" }).click();
    await card.getByText("Connected").waitFor({ timeout: 30_000 });
    await expect(card.getByRole("form", { name: "Paste a fresh LinkedIn cookie" }).count()).resolves.toBe(0);
    expect(await t.page.content()).not.toContain(cookie);

    // A connection writes: the host polls it and it lands in the inbox, on a new lead with their profile.
    await fetch(`${fakeUrl}/__control/inbound`, {
      method: "POST",
      body: JSON.stringify({ liAt: cookie, from: "conn-lin-kedin", text: "Hello from LinkedIn!" }),
    });
    await t.page.goto(`${baseUrl}/dashboard/inbox`, { waitUntil: "networkidle" });
    await t.page.getByText("Hello from LinkedIn!").first().waitFor({ timeout: 30_000 });
    expect(t.errors).toEqual([]);
  });
});
