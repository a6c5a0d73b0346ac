// Pipeline changes made through the CRM page's own forms (React Router actions, not the REST API) reach every
// other open CRM page live (issue 13 item 10): a rename shows in the picker and the rename field, a deletion
// replaces the board with a clear message — without a reload.
import type { Page, WebSocket } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { screenshot, signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const t = useBrowserPage();

/** Resolves once the page's socket on the workspace's `pipelines` topic has been admitted by its room. */
function pipelinesSocketReady(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (ws: WebSocket) => {
      if (!ws.url().includes(".pipelines")) return;
      ws.on("framereceived", (frame) => {
        if (String(frame.payload).includes('"ready"')) resolve();
      });
    });
  });
}

describe("pipelines changed in one browser", () => {
  it("are renamed and deleted live in another signed-in browser", async () => {
    const { email, password } = await signUpInBrowser(t.page, baseUrl);
    const ids = await t.page.evaluate(async () => {
      const post = async (path: string, body: object) =>
        (
          await fetch(path, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          })
        ).json();
      const { pipeline: inbound } = (await post("/api/pipelines", { name: "Inbound" })) as { pipeline: { id: string } };
      const { pipeline: outbound } = (await post("/api/pipelines", { name: "Outbound" })) as {
        pipeline: { id: string };
      };
      const { lead } = (await post("/api/leads", { fullName: "Ada Lovelace", companyName: "Acme" })) as {
        lead: { id: string };
      };
      await post(`/api/pipelines/${outbound.id}/cards`, { leadId: lead.id });
      return { inbound: inbound.id, outbound: outbound.id };
    });
    await t.page.goto(`${baseUrl}/dashboard/crm?pipeline=${ids.outbound}`, { waitUntil: "networkidle" });

    const other = await t.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const second = await other.newPage();
    const errors: string[] = [];
    second.on("pageerror", (err) => errors.push(err.message));
    await second.goto(`${baseUrl}/login?next=${encodeURIComponent(`/dashboard/crm?pipeline=${ids.outbound}`)}`, {
      waitUntil: "networkidle",
    });
    await second.getByLabel("Email").fill(email);
    await second.getByLabel("Password").fill(password);
    const ready = pipelinesSocketReady(second);
    await second.getByRole("button", { name: "Sign in" }).click();
    await second.waitForURL(/\/dashboard\/crm/);
    await second.getByRole("button", { name: /^Ada Lovelace/ }).waitFor();
    // Bounded, so a page that never opens such a socket fails below, on what the user would miss.
    await Promise.race([ready, second.waitForTimeout(3000)]);
    // A reload would drop this marker: everything below must happen in the same document.
    await second.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await t.page.getByLabel("Rename").fill("Outbound Q1");
    await t.page.getByRole("button", { name: "Save name" }).click();
    await second.getByRole("option", { name: "Outbound Q1 (1)" }).waitFor({ state: "attached", timeout: 5000 });
    await expect(second.getByLabel("Rename").inputValue()).resolves.toBe("Outbound Q1");
    await expect(second.getByRole("option", { name: "Outbound (1)" }).count()).resolves.toBe(0);

    t.page.once("dialog", (dialog) => void dialog.accept());
    await t.page.getByRole("button", { name: "Delete pipeline" }).click();
    const gone = second.getByRole("alert").filter({ hasText: "The pipeline “Outbound Q1” was deleted." });
    await gone.waitFor({ timeout: 5000 });
    await expect(second.getByRole("button", { name: /^Ada Lovelace/ }).count()).resolves.toBe(0);
    await expect(second.getByRole("option", { name: /Outbound Q1/ }).count()).resolves.toBe(0);
    await second.getByRole("option", { name: "Inbound (0)" }).waitFor({ state: "attached" });
    await screenshot(second, "crm-pipeline-deleted-elsewhere");
    await expect(second.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).resolves.toBe(
      true,
    );

    // The other pipeline is one pick away.
    await second.getByRole("combobox").selectOption({ label: "Inbound (0)" });
    await second.getByLabel("Rename").and(second.locator('[value="Inbound"]')).waitFor();
    expect(errors).toEqual([]);
    await other.close();
    expect(t.errors).toEqual([]);
  }, 60_000);
});
