import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { hasHorizontalScroll, screenshot, signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const t = useBrowserPage();
const salesNavigator = readFileSync(new URL("../fixtures/csv/sales-navigator.csv", import.meta.url));

describe("the imports page", () => {
  it("previews a dropped CSV, lets a column be re-mapped, imports it with progress and reports bad rows", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/imports`, { waitUntil: "networkidle" });
    await t.page
      .getByLabel("CSV file")
      .setInputFiles({ name: "berlin-event.csv", mimeType: "text/csv", buffer: salesNavigator });
    await t.page.getByRole("heading", { name: "Map the columns" }).waitFor();
    await t.page.getByText("Anna Becker").first().waitFor();
    await expect(t.page.getByLabel("Map column Company", { exact: true }).inputValue()).resolves.toBe("companyName");
    await expect(t.page.getByLabel("List name").inputValue()).resolves.toBe("berlin-event");
    // Re-map Title to "Don't import": the preview no longer shows the title.
    await t.page.getByLabel("Map column Title", { exact: true }).selectOption("ignore");
    await t.page.waitForFunction(() => !document.body.textContent?.includes("Head of Marketing"));
    await t.page.getByLabel("Map column Title", { exact: true }).selectOption("jobTitle");
    await t.page.getByText("Head of Marketing").first().waitFor();
    await screenshot(t.page, "imports-mapping");
    await t.page.getByRole("button", { name: "Import" }).click();
    await t.page.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 15_000 });
    const summary = await t.page.getByText(/rows read/).textContent();
    expect(summary).toMatch(/6 rows read · 3 new · 1 merged into existing leads · 2 failed/);
    await expect(t.page.getByText(/Row 4: The row has 8 fields/).isVisible()).resolves.toBe(true);
    await expect(t.page.getByRole("link", { name: "Download the error report" }).getAttribute("href")).resolves.toMatch(
      /^\/api\/imports\/[0-9a-f-]+\/errors\.csv$/,
    );
    await expect(
      t.page.getByRole("progressbar", { name: "Import progress" }).getAttribute("aria-valuenow"),
    ).resolves.toBe("100");
    await screenshot(t.page, "imports-done");
  });

  it("shows a clear error for a file that is not a CSV, and works at phone width", async () => {
    await t.page.setViewportSize({ width: 390, height: 844 });
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/imports`, { waitUntil: "networkidle" });
    await t.page.getByLabel("CSV file").setInputFiles({
      name: "photo.png",
      mimeType: "image/png",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    });
    await t.page.getByRole("alert").waitFor();
    await expect(t.page.getByRole("alert").textContent()).resolves.toMatch(/not a CSV file/);
    await expect(hasHorizontalScroll(t.page)).resolves.toBe(false);
    const exportLink = t.page.getByRole("link", { name: "Export all leads (CSV)" });
    await expect(exportLink.getAttribute("href")).resolves.toBe("/api/leads/export.csv");
  });

  it("stops the progress and says why when an import fails, keeping the rows read before", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/imports`, { waitUntil: "networkidle" });
    // A quote that never closes: after IMPORT_MAX_RECORD_BYTES (1 MB) the import stops with status `failed`.
    const open = `Runaway Row,"${"never closed ".repeat(200_000)}\n`;
    const file = Buffer.from(`name,notes\nAda Early,first\nBob Early,second\n${open}`);
    await t.page.getByLabel("CSV file").setInputFiles({ name: "runaway.csv", mimeType: "text/csv", buffer: file });
    await t.page.getByRole("heading", { name: "Map the columns" }).waitFor();
    const polls: string[] = [];
    t.page.on(
      "request",
      (r) => void (/\/api\/imports\/[0-9a-f-]+$/.test(new URL(r.url()).pathname) && polls.push(r.url())),
    );
    await t.page.getByRole("button", { name: "Import" }).click();
    await t.page.getByRole("heading", { name: "Import failed" }).waitFor({ timeout: 20_000 });
    await expect(t.page.getByRole("alert").textContent()).resolves.toMatch(
      /unterminated quoted field.*Leads imported before it stopped are kept/,
    );
    await expect(t.page.getByText(/rows read before it stopped/).textContent()).resolves.toMatch(
      /3 rows read before it stopped · 2 new/,
    );
    await expect(t.page.getByRole("link", { name: "Download the error report" }).getAttribute("href")).resolves.toMatch(
      /^\/api\/imports\/[0-9a-f-]+\/errors\.csv$/,
    );
    await screenshot(t.page, "imports-failed");
    // Polling has stopped: no further status requests once the failure is shown.
    const seen = polls.length;
    await t.page.waitForTimeout(3_000);
    expect(polls.length).toBe(seen);
  });
});
