import { describe, expect, inject, it } from "vitest";
import { seriousA11yViolations } from "../support/axe.ts";
import { hasHorizontalScroll, screenshot, signUpInBrowser, useBrowserPage } from "../support/browser.ts";

const baseUrl = inject("baseUrl");
const t = useBrowserPage();
const cards = () => t.page.locator("article");

async function generate(description: string) {
  await t.page.getByLabel(/Describe your ideal client/).fill(description);
  await t.page.getByRole("button", { name: "Generate Leads" }).click();
  await t.page.getByRole("heading", { name: /^\d+ leads$/ }).waitFor({ timeout: 15_000 });
}

describe("the leads page", () => {
  it("streams 20+ explained cards for a description and two filters, and saves one into the CRM", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/leads`, { waitUntil: "networkidle" });
    expect(new URL(t.page.url()).pathname).toBe("/dashboard/leads");
    await t.page.getByLabel("Company Size").selectOption("51-200");
    await t.page.getByRole("button", { name: "LinkedIn" }).click();
    await generate("Heads of marketing at SaaS companies in Germany who need paid ads");
    expect(await cards().count()).toBeGreaterThanOrEqual(20);
    const first = cards().first();
    const text = (await first.textContent()) ?? "";
    expect(text).toMatch(/Germany|DE/);
    expect(text).toMatch(/Europe\/Berlin|Europe\/\w+/);
    expect(text).toMatch(/Best: Tue\/Wed\/Thu \d\d:\d\d-\d\d:\d\d local/);
    expect(text).toContain("Sample data");
    await first.getByRole("button", { name: /^Score \d+ why\?$/ }).click();
    await expect(first.getByRole("dialog", { name: "Why this score" }).textContent()).resolves.toMatch(/role/);
    await first.getByRole("button", { name: /^Score \d+ why\?$/ }).click();
    await screenshot(t.page, "leads-desktop");
    const name = (await first.getByRole("heading").textContent())!;
    await first.getByLabel("Pipeline").selectOption("new");
    await first.getByRole("button", { name: "Save to Pipeline" }).click();
    await first.getByRole("link", { name: /Saved to Outbound/ }).click();
    await t.page.waitForURL(/\/dashboard\/crm\?pipeline=/);
    await expect(t.page.locator('ul[data-stage="To Contact"]').textContent()).resolves.toContain(name);
  });

  it("saving one by one and then Save all fills one Outbound pipeline, with progress and a summary", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/leads`, { waitUntil: "networkidle" });
    await generate("Founders of software companies in the United States");
    const total = await cards().count();
    // Two cards saved at once, both with "New pipeline…" preselected: one pipeline, not two.
    // (Both clicks in one tick: Playwright's one mouse would interleave two concurrent clicks and lose one.)
    await t.page.evaluate(() => {
      const buttons = [...document.querySelectorAll("article")]
        .slice(0, 2)
        .map((card) => [...card.querySelectorAll("button")].find((b) => b.textContent === "Save to Pipeline")!);
      for (const button of buttons) button.click();
    });
    for (const i of [0, 1])
      await cards()
        .nth(i)
        .getByRole("link", { name: /Saved to Outbound/ })
        .waitFor();
    await expect(cards().nth(2).getByLabel("Pipeline").inputValue()).resolves.not.toBe("new");
    await t.page.getByRole("button", { name: /^Save all to Outbound$/ }).click();
    const status = t.page.getByRole("status").filter({ hasText: /saved to Outbound/ });
    await status.waitFor({ timeout: 30_000 });
    await expect(status.textContent()).resolves.toContain(`${total - 2} saved to Outbound`);
    const pipelines = await t.page.evaluate(async () => {
      const body = (await (await fetch("/api/pipelines")).json()) as {
        pipelines: { name: string; cardCount: number }[];
      };
      return body.pipelines;
    });
    expect(pipelines).toEqual([expect.objectContaining({ name: "Outbound", cardCount: total })]);
  }, 60_000);

  it("regenerates after a chip is edited or removed, and shows a failed source inline while the others still display", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/leads?sources=sample,apollo`, { waitUntil: "networkidle" });
    await generate("Founders and CEOs in Spain");
    await expect(t.page.getByRole("alert").first().textContent()).resolves.toMatch(/apollo.*not configured/);
    expect(await cards().count()).toBeGreaterThan(0);
    const spanish = await cards().allTextContents();
    expect(spanish.every((c) => /ES|Spain/.test(c))).toBe(true);
    await t.page.getByRole("button", { name: "Edit Spain" }).click();
    await t.page.getByLabel("Change Spain").fill("Portugal");
    await t.page.getByLabel("Change Spain").press("Enter");
    await t.page.getByRole("button", { name: "Remove Portugal" }).waitFor();
    await t.page.getByRole("heading", { name: /^\d+ leads$/ }).waitFor({ timeout: 15_000 });
    await expect(t.page.getByLabel(/Describe your ideal client/).inputValue()).resolves.toContain("in Portugal");
    const portuguese = await cards().allTextContents();
    expect(portuguese.length).toBeGreaterThan(0); // `every` over no cards would pass
    expect(portuguese.filter((c) => !/, PT ·/.test(c))).toEqual([]);
    await t.page.getByRole("button", { name: "Remove Portugal" }).click();
    await t.page.getByRole("heading", { name: /^\d+ leads$/ }).waitFor({ timeout: 15_000 });
    await expect(t.page.getByLabel(/Describe your ideal client/).inputValue()).resolves.not.toContain("Portugal");
    const anywhere = await cards().allTextContents();
    expect(anywhere.some((c) => !/, ES ·/.test(c))).toBe(true);
    // Past requests are listed at once, and can be re-opened after a reload, with their leads.
    await expect(t.page.getByRole("region", { name: "Past requests" }).textContent()).resolves.toContain(
      "Founders and CEOs in Spain",
    );
    await t.page.reload({ waitUntil: "networkidle" });
    await t.page.getByRole("button", { name: /Founders and CEOs in Spain/ }).click();
    // The reload re-opened the latest request (it is in the URL); wait for the one just picked.
    await t.page.waitForFunction(
      () => document.querySelector<HTMLTextAreaElement>("#description")?.value === "Founders and CEOs in Spain",
    );
    await t.page.getByRole("heading", { name: /^\d+ leads$/ }).waitFor();
    expect((await cards().allTextContents()).every((c) => /ES|Spain/.test(c))).toBe(true);
  });

  it("merges the workspace's own list with sample data, re-ranking as sources report, and ends in score order", async () => {
    await signUpInBrowser(t.page, baseUrl);
    const rows = ["First Name,Last Name,Title,Company,Country,Industry,Employees,Email"];
    for (let i = 0; i < 8; i++)
      rows.push(`Anna,Schmidt${i},Head of Marketing,Saasy${i} GmbH,Germany,Software,200,anna@saasy${i}.de`);
    const upload = await t.page.request.post(`${baseUrl}/api/imports?listName=Fair`, {
      headers: { "content-type": "text/csv", origin: baseUrl },
      data: rows.join("\n"),
    });
    const { import: job } = (await upload.json()) as { import: { id: string } };
    await expect
      .poll(
        async () =>
          (
            (await (await t.page.request.get(`${baseUrl}/api/imports/${job.id}`)).json()) as {
              import: { status: string };
            }
          ).import.status,
      )
      .toBe("completed");
    await t.page.goto(`${baseUrl}/dashboard/leads?sources=lists,sample`, { waitUntil: "networkidle" });
    for (const run of [1, 2]) {
      await generate(`Heads of marketing at software companies in Germany${run === 2 ? " with 50-500 employees" : ""}`);
      const texts = await cards().allTextContents();
      expect(texts.filter((c) => /Schmidt\d/.test(c) && /lists/i.test(c))).toHaveLength(8);
      const scores = await cards()
        .getByRole("button", { name: /^Score \d+/ })
        .allTextContents();
      const values = scores.map((s) => Number(/\d+/.exec(s)![0]));
      expect(values).toEqual([...values].sort((a, b) => b - a));
    }
    expect(t.errors).toEqual([]);
  });

  it("keeps the open request in the URL: reload, Back and a shared link show the same results", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/leads`, { waitUntil: "networkidle" });
    await generate("CTOs of fintech companies in London");
    await t.page.waitForURL(/[?&]request=[0-9a-f-]{36}/);
    const firstUrl = t.page.url();
    const firstNames = await cards().getByRole("heading").allTextContents();
    await t.page.reload({ waitUntil: "networkidle" });
    await cards().first().waitFor();
    expect(await cards().getByRole("heading").allTextContents()).toEqual(firstNames);
    await expect(t.page.getByLabel(/Describe your ideal client/).inputValue()).resolves.toBe(
      "CTOs of fintech companies in London",
    );

    await generate("Owners of bakeries in Lyon");
    await t.page.waitForURL((url) => url.href !== firstUrl && /request=/.test(url.search));
    const secondNames = await cards().getByRole("heading").allTextContents();
    expect(secondNames).not.toEqual(firstNames);
    await t.page.goBack();
    await t.page.waitForURL(firstUrl);
    await t.page.waitForFunction((name) => document.querySelector("article h3")?.textContent === name, firstNames[0]);
    expect(await cards().getByRole("heading").allTextContents()).toEqual(firstNames);

    const shared = await t.browser.newContext();
    const other = await shared.newPage();
    await signUpInBrowser(other, baseUrl);
    await other.goto(firstUrl, { waitUntil: "networkidle" });
    await expect(other.getByRole("alert").first().textContent()).resolves.toMatch(/could not be opened/);
    await shared.close();
  });

  it("says when the network is down, and Try again generates once it is back", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/leads`, { waitUntil: "networkidle" });
    await t.page.getByLabel(/Describe your ideal client/).fill("Owners of dental practices in Austria");
    await t.context.setOffline(true);
    await t.page.getByRole("button", { name: "Generate Leads" }).click();
    await expect(t.page.getByRole("alert").first().textContent()).resolves.toMatch(/could not be reached/);
    await t.context.setOffline(false);
    await t.page.getByRole("button", { name: "Try again" }).click();
    await t.page.getByRole("heading", { name: /^\d+ leads$/ }).waitFor({ timeout: 15_000 });
    await expect(t.page.getByRole("button", { name: "Try again" }).count()).resolves.toBe(0);
  });

  it("fits a 390 px phone with the CTA reachable", async () => {
    await t.page.setViewportSize({ width: 390, height: 844 });
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/leads`, { waitUntil: "networkidle" });
    // The floated label stays on one line above what the rep types, never over it.
    const box = t.page.getByLabel(/Describe your ideal client/);
    await box.fill("Owners of restaurants in Madrid reachable on WhatsApp");
    await t.page.waitForFunction(() => document.querySelector("label[for=description]")!.getAnimations().length === 0); // its float transition
    const [label, field] = await Promise.all([
      t.page.locator('label[for="description"]').boundingBox(),
      box.boundingBox(),
    ]);
    const textTop = await box.evaluate(
      (el) => el.getBoundingClientRect().top + parseFloat(getComputedStyle(el).paddingTop),
    );
    expect(label!.y + label!.height).toBeLessThanOrEqual(textTop + 1);
    expect(label!.y).toBeGreaterThanOrEqual(field!.y);
    await t.page.getByRole("button", { name: "Generate Leads" }).click();
    await t.page.getByRole("heading", { name: /^\d+ leads$/ }).waitFor({ timeout: 15_000 });
    // The results are brought into view rather than left below the fold.
    await t.page.waitForFunction(() => {
      const first = document.querySelector("article");
      return !!first && first.getBoundingClientRect().top < window.innerHeight;
    });
    await expect(hasHorizontalScroll(t.page)).resolves.toBe(false);
    await expect(t.page.getByRole("button", { name: "Generate Leads" }).isVisible()).resolves.toBe(true);
    await screenshot(t.page, "leads-mobile");
    await t.page.setViewportSize({ width: 360, height: 740 });
    await expect(hasHorizontalScroll(t.page)).resolves.toBe(false);
  });

  it("works from the keyboard: Ctrl+Enter generates, Tab reaches a card's score and Save with a visible focus ring", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/leads`, { waitUntil: "networkidle" });
    await t.page.getByLabel(/Describe your ideal client/).focus();
    await t.page.keyboard.type("CTOs at fintech companies in London");
    await t.page.keyboard.press("Control+Enter");
    await t.page.getByRole("heading", { name: /^\d+ leads$/ }).waitFor({ timeout: 15_000 });
    const score = cards()
      .first()
      .getByRole("button", { name: /^Score \d+/ });
    for (let i = 0; i < 60 && !(await score.evaluate((el) => el === document.activeElement)); i++)
      await t.page.keyboard.press("Tab");
    await expect(score.evaluate((el) => getComputedStyle(el).outlineStyle)).resolves.toBe("solid");
    await t.page.keyboard.press("Enter");
    await expect(cards().first().getByRole("dialog", { name: "Why this score" }).isVisible()).resolves.toBe(true);
    await screenshot(t.page, "leads-why-popover");
    await t.page.keyboard.press("Escape");
    await expect(cards().first().getByRole("dialog").count()).resolves.toBe(0);
    const save = cards().first().getByRole("button", { name: "Save to Pipeline" });
    for (let i = 0; i < 10 && !(await save.evaluate((el) => el === document.activeElement)); i++)
      await t.page.keyboard.press("Tab");
    await t.page.keyboard.press("Enter");
    await cards()
      .first()
      .getByRole("link", { name: /Saved to Outbound/ })
      .waitFor();
  });

  it("has no serious or critical accessibility violations with results on screen (axe-core)", async () => {
    await signUpInBrowser(t.page, baseUrl);
    await t.page.goto(`${baseUrl}/dashboard/leads`, { waitUntil: "networkidle" });
    await generate("Heads of marketing at SaaS companies in Germany");
    const violations = await seriousA11yViolations(t.page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
  });
});
