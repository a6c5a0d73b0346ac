// Connecting X in a real browser against the built app: the rep clicks "Connect X account", the browser goes to the
// local X fake's authorize page (test/fakes/x-api-fake.ts), which sends it back to our callback; the channels page
// then says so and lists the account. A DM the X user receives afterwards is polled into the inbox.
import { describe, expect, inject, it } from "vitest";
import { signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const xFakeUrl = inject("xFakeUrl");
const t = useBrowserPage();

describe("X", () => {
  it("connects an X account through X's authorize page and receives a DM in the inbox", {
    timeout: 90_000,
  }, async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/channels`, { waitUntil: "networkidle" });
    await t.page.getByRole("button", { name: "Connect X account" }).click();
    await t.page.waitForURL(/\/dashboard\/channels\?connected=x$/, { timeout: 30_000 });
    await t.page.getByText("X account connected.").waitFor();
    const name = await t.page
      .getByText(/^@fake_/)
      .first()
      .textContent();
    expect(name).toMatch(/^@fake_[0-9]{6}$/);

    const channels = await t.page.evaluate(async () => {
      const res = await fetch("/api/channels");
      return ((await res.json()) as { channels: { channel: string; status: string }[] }).channels;
    });
    const account = channels.find((c) => c.channel === "x");
    expect(account?.status).toBe("connected");
    const users = (await (await fetch(`${xFakeUrl}/_fake/whoami?username=${name!.slice(1)}`)).json()) as {
      id?: string;
    };
    expect(users.id).toMatch(/^[0-9]+$/);
    await fetch(`${xFakeUrl}/_fake/users/${users.id}/inbound`, {
      method: "POST",
      body: JSON.stringify({ events: [{ senderId: "81001", text: "Hey, saw your DM offer", name: "Grace Hopper" }] }),
    });
    await t.page.goto(`${baseUrl}/dashboard/inbox`, { waitUntil: "networkidle" });
    await t.page.getByText("Grace Hopper").first().waitFor({ timeout: 30_000 });
    expect(t.errors).toEqual([]);
  });
});
