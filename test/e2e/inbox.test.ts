// The inbox in a real browser against the built app: opening a lead's thread from the CRM, sending on the
// Sandbox (bubble at once, ticks queued → sent → delivered → read live), the list updating live in a second
// window, the Sandbox's answer to a question (live in the thread, unread in the list), a failed message with
// its reason and Retry in the thread and in the Failed view, the phone layout, and a composer that says why
// it cannot send.
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

/** Records each tick the bubble with `text` shows, in order (a MutationObserver sees every change). */
function recordTicks(page: Page, text: string) {
  return page.evaluate((text) => {
    const w = window as unknown as { ticks: string[] };
    w.ticks = [];
    const look = () => {
      const li = [...document.querySelectorAll("li[data-message-id]")].find((l) => l.textContent?.includes(text));
      const tick = li?.querySelector("[data-tick]")?.getAttribute("data-tick");
      if (tick && w.ticks.at(-1) !== tick) w.ticks.push(tick);
    };
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-tick"],
    });
  }, text);
}

const SANDBOX_REPLIES = /Good question|Thanks for reaching out|Could we talk next week/;

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
    await recordTicks(t.page, "Hello from the inbox");
    await box.fill("Hello from the inbox");
    await box.press("Shift+Enter");
    await box.type("Second line");
    await box.press("Enter");
    const bubble = t.page.locator("li[data-message-id]", { hasText: "Hello from the inbox" });
    await bubble.waitFor({ timeout: 1000 }); // optimistic: before the server answered
    await expect(box.inputValue()).resolves.toBe("");
    await expect(bubble.textContent()).resolves.toContain("Second line");
    // The orchestrator hands it to the Sandbox, whose delivered (≈1 s) and read (≈3 s) receipts come back
    // through the webhook path: the tick moves through every step live, through the lead's room.
    await bubble.locator('[data-tick="read"]').waitFor({ timeout: 20_000 });
    await expect(t.page.evaluate(() => (window as unknown as { ticks: string[] }).ticks)).resolves.toEqual([
      "queued",
      "sent",
      "delivered",
      "read",
    ]);
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

  it("shows the Sandbox's answer to a question live, and marks the conversation unread when it is not open", {
    timeout: 60_000,
  }, async () => {
    await signUpInBrowser(t.page, baseUrl);
    const mary = await seedLead(t.page, "Mary Jackson");
    const dorothy = await seedLead(t.page, "Dorothy Vaughan");
    await t.page.goto(`${baseUrl}/dashboard/inbox?lead=${mary.leadId}`, { waitUntil: "networkidle" });
    const box = t.page.getByLabel("Message", { exact: true });
    await box.fill("Are you free on Tuesday?");
    await box.press("Enter");
    // The reply lands in the open thread without a reload, and reading it there leaves nothing unread.
    const thread = t.page.getByRole("list", { name: "Messages" });
    await thread
      .locator('li[data-status="received"]')
      .filter({ hasText: SANDBOX_REPLIES })
      .waitFor({ timeout: 20_000 });
    const maryRow = t.page.getByRole("link", { name: /Mary Jackson/ });
    await maryRow.filter({ hasNotText: "unread" }).waitFor({ timeout: 5000 });

    // Ask again and open another lead before the answer comes: the list shows Mary's conversation unread.
    await box.fill("Shall I send the pricing?");
    await box.press("Enter");
    await thread
      .locator("li[data-message-id]", { hasText: "Shall I send the pricing?" })
      .locator('[data-tick="sent"], [data-tick="delivered"], [data-tick="read"]')
      .waitFor({ timeout: 20_000 });
    await t.page.goto(`${baseUrl}/dashboard/inbox?lead=${dorothy.leadId}`, { waitUntil: "networkidle" });
    await t.page.getByRole("heading", { name: "Dorothy Vaughan" }).first().waitFor();
    await maryRow.filter({ hasText: "1 unread" }).waitFor({ timeout: 20_000 });
    await expect(maryRow.textContent()).resolves.toMatch(SANDBOX_REPLIES);
    expect(t.errors).toEqual([]);
  });

  it("lists a failed send in the Failed view with its reason; Retry takes it off and the new attempt shows", {
    timeout: 60_000,
  }, async () => {
    await signUpInBrowser(t.page, baseUrl);
    const { leadId } = await seedLead(t.page, "Hedy Lamarr");
    await t.page.goto(`${baseUrl}/dashboard/inbox?lead=${leadId}`, { waitUntil: "networkidle" });
    const box = t.page.getByLabel("Message", { exact: true });
    await box.fill("Frequency hopping, anyone #fail");
    await box.press("Enter");
    await t.page.getByText("Failed: The Sandbox recipient cannot receive messages.").waitFor({ timeout: 20_000 });
    const views = t.page.getByRole("navigation", { name: "Inbox views" });
    // The tab's count heard the failure live.
    await views.getByRole("link", { name: /Failed\s*1 failed messages/ }).waitFor({ timeout: 5000 });

    await views.getByRole("link", { name: /Failed/ }).click();
    await t.page.waitForURL(/view=failed/);
    const rows = t.page.getByRole("list", { name: "Failed message list" }).locator("li[data-failed-id]");
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    const row = rows.first();
    const firstId = await row.getAttribute("data-failed-id");
    await expect(row.textContent()).resolves.toMatch(/Hedy Lamarr.*Frequency hopping, anyone #fail/);
    await expect(row.textContent()).resolves.toContain(
      "Recipient unavailable — The Sandbox recipient cannot receive messages.",
    );
    expect(await seriousA11yViolations(t.page)).toEqual([]);
    await screenshot(t.page, "inbox-failed");

    await row.getByRole("button", { name: "Retry message to Hedy Lamarr" }).click();
    await t.page.locator(`li[data-failed-id="${firstId}"]`).waitFor({ state: "detached", timeout: 5000 });
    // The body still says #fail: the retry fails too and comes in live as the one entry, a new message.
    const retryRow = rows.filter({ hasText: "Frequency hopping, anyone #fail" });
    await retryRow.waitFor({ timeout: 20_000 });
    await expect(rows.count()).resolves.toBe(1);
    expect(await retryRow.getAttribute("data-failed-id")).not.toBe(firstId);
    await views.getByRole("link", { name: /Failed\s*1 failed messages/ }).waitFor();

    // Open thread: both attempts, the first marked Retried, the new one with its own Retry.
    await retryRow.getByRole("link", { name: /Open thread/ }).click();
    const thread = t.page.getByRole("list", { name: "Messages" });
    await thread.waitFor();
    await expect(thread.locator("li[data-status=failed]").count()).resolves.toBe(2);
    await thread.getByText("Retried").waitFor();
    await expect(thread.getByRole("button", { name: "Retry" }).count()).resolves.toBe(1);
    expect(t.errors).toEqual([]);
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
