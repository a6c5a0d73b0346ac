// The inbox in a real browser against the built app: opening a lead's thread from the CRM, sending on the
// Sandbox (bubble at once, ticks advancing live), the list updating live in a second window, a failed
// message with its reason and Retry, the phone layout, and a composer that says why it cannot send.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { seriousA11yViolations } from "../support/axe.ts";
import { screenshot, signUpInBrowser, useBrowserPage } from "../support/browser.ts";
import { insertConversation, insertMessage, insertSuppression } from "../support/messaging-factories.ts";
import { testDatabaseUrl } from "../support/test-env.ts";

const baseUrl = inject("baseUrl");
const t = useBrowserPage();
const handle = openDb(testDatabaseUrl());
afterAll(() => handle.close());

/** A lead (and optionally a pipeline card), created through the API with the page's session cookie. */
function seedLead(page: Page, fullName: string, withCard = false) {
  return page.evaluate(
    async ({ fullName, withCard }) => {
      const post = async (path: string, body: object) =>
        (
          await fetch(path, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          })
        ).json();
      const me = (await (await fetch("/api/me")).json()) as { workspace: { id: string } };
      const { lead } = (await post("/api/leads", { fullName, companyName: "Acme", jobTitle: "CMO" })) as {
        lead: { id: string };
      };
      let pipelineId: string | null = null;
      if (withCard) {
        pipelineId = ((await post("/api/pipelines", { name: "Outbound" })) as { pipeline: { id: string } }).pipeline.id;
        await post(`/api/pipelines/${pipelineId}/cards`, { leadId: lead.id });
      }
      return { leadId: lead.id, workspaceId: me.workspace.id, pipelineId };
    },
    { fullName, withCard },
  );
}

async function signInSecondWindow(email: string, password: string, path: string) {
  const context = await t.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(path)}`, { waitUntil: "networkidle" });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard\/inbox/);
  return { context, page };
}

describe("the inbox", () => {
  it("opens a lead's thread from the CRM card, sends on the Sandbox with Enter, and updates live", {
    timeout: 60_000,
  }, async () => {
    const { email, password } = await signUpInBrowser(t.page, baseUrl);
    const { pipelineId, leadId } = await seedLead(t.page, "Ada Lovelace", true);
    const second = await signInSecondWindow(email, password, "/dashboard/inbox");
    await second.page.getByText("No conversations yet", { exact: false }).waitFor();
    await second.page.waitForTimeout(300); // let the inbox socket connect

    await t.page.goto(`${baseUrl}/dashboard/crm?pipeline=${pipelineId}`, { waitUntil: "networkidle" });
    await t.page.getByRole("button", { name: /^Ada Lovelace/ }).click();
    await t.page.getByRole("dialog").getByRole("link", { name: "Message" }).click();
    await t.page.waitForURL(`${baseUrl}/dashboard/inbox?lead=${leadId}`);
    await t.page.getByRole("heading", { name: "Ada Lovelace" }).first().waitFor();
    await expect(t.page.getByLabel("Send via").inputValue()).resolves.toBe("sandbox");

    const box = t.page.getByLabel("Message", { exact: true });
    await box.fill("Hello from the inbox");
    await box.press("Shift+Enter");
    await box.type("Second line");
    await box.press("Enter");
    const bubble = t.page.locator("li[data-message-id]", { hasText: "Hello from the inbox" });
    await bubble.waitFor({ timeout: 1000 }); // optimistic: before the server answered
    await expect(box.inputValue()).resolves.toBe("");
    await expect(bubble.textContent()).resolves.toContain("Second line");
    // The orchestrator hands it to the Sandbox; its tick follows live through the lead's room. (Delivered and
    // read receipts come back through the inbound path, which is not on main yet.)
    await bubble
      .locator('[data-tick="sent"], [data-tick="delivered"], [data-tick="read"]')
      .waitFor({ timeout: 20_000 });
    await expect(t.page.locator("li[data-message-id]").count()).resolves.toBe(1);

    // The other window's list shows the new conversation without a reload.
    await second.page.getByRole("link", { name: /Ada Lovelace/ }).waitFor({ timeout: 10_000 });
    await screenshot(t.page, "inbox-thread");
    expect(await seriousA11yViolations(t.page)).toEqual([]);
    await second.context.close();
    expect(t.errors).toEqual([]);
  });

  it("shows a failed message with its reason and retries it", async () => {
    await signUpInBrowser(t.page, baseUrl);
    const { leadId, workspaceId } = await seedLead(t.page, "Grace Hopper");
    const c = await insertConversation(handle.db, { workspaceId, leadId, channel: "sandbox" });
    await insertMessage(handle.db, c, {
      body: "Did this arrive?",
      status: "failed",
      errorCode: "PROVIDER_REJECTED",
      errorMessage: "The provider rejected the message",
    });
    await t.page.goto(`${baseUrl}/dashboard/inbox?lead=${leadId}`, { waitUntil: "networkidle" });
    await t.page.getByText("Failed: The provider rejected the message").waitFor();
    await t.page.getByRole("button", { name: "Retry" }).click();
    await t.page.getByText("Retried").waitFor({ timeout: 5000 });
    await expect(t.page.locator("li[data-message-id]", { hasText: "Did this arrive?" }).count()).resolves.toBe(2);
  });

  it("on a phone goes list → thread → back", async () => {
    await t.page.setViewportSize({ width: 390, height: 800 });
    await signUpInBrowser(t.page, baseUrl);
    const { leadId, workspaceId } = await seedLead(t.page, "Katherine Johnson");
    const c = await insertConversation(handle.db, { workspaceId, leadId, unreadCount: 1 });
    await insertMessage(handle.db, c, { direction: "inbound", body: "Are you there?" });
    await t.page.goto(`${baseUrl}/dashboard/inbox`, { waitUntil: "networkidle" });
    const row = t.page.getByRole("link", { name: /Katherine Johnson/ });
    await expect(row.textContent()).resolves.toContain("unread");
    await row.focus();
    await row.press("Enter");
    await t.page.getByRole("region", { name: "Conversation with Katherine Johnson" }).waitFor();
    await t.page.getByRole("list", { name: "Messages" }).getByText("Are you there?").waitFor();
    await expect(t.page.getByRole("list", { name: "Conversation list" }).isVisible()).resolves.toBe(false);
    await t.page.getByRole("link", { name: "Back to conversations" }).click();
    await t.page.getByRole("list", { name: "Conversation list" }).waitFor();
    // Opening the thread marked it read (the list hears it live, or the back navigation's loader has it).
    await t.page
      .getByRole("link", { name: /Katherine Johnson/ })
      .filter({ hasNotText: "unread" })
      .waitFor({ timeout: 5000 });
    await screenshot(t.page, "inbox-phone-list");
  });

  it("disables the composer with the reason for a lead who opted out", async () => {
    await signUpInBrowser(t.page, baseUrl);
    const { leadId, workspaceId } = await seedLead(t.page, "Alan Turing");
    await insertSuppression(handle.db, { workspaceId, leadId, channel: null, reason: "Replied STOP" });
    await t.page.goto(`${baseUrl}/dashboard/inbox?lead=${leadId}`, { waitUntil: "networkidle" });
    await t.page.getByRole("status").filter({ hasText: "This person opted out of all messages." }).waitFor();
    await expect(t.page.getByLabel("Message", { exact: true }).isDisabled()).resolves.toBe(true);
    await expect(t.page.getByRole("button", { name: "Send" }).isDisabled()).resolves.toBe(true);
    expect(await seriousA11yViolations(t.page)).toEqual([]);
  });
});
