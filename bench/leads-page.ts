// The leads page in the browser: JavaScript shipped for /dashboard/leads (gzip; target ≤ 150 KB), time from
// clicking "Generate Leads" to the first card (target ≤ 400 ms, sample source), and paint/layout-shift
// figures from the browser's own performance entries. `bun run bench:leads-page`
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM_PATH, signUpInBrowser } from "../test/support/browser.ts";
import { percentile, startBenchApp } from "./lib/bench-app.ts";

const RUNS = 15;
const app = await startBenchApp();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signUpInBrowser(page, app.base);
  const scripts = new Map<string, number>();
  page.on("response", async (res) => {
    if (res.request().resourceType() !== "script") return;
    const body = await res.body().catch(() => null);
    if (body) scripts.set(res.url(), gzipSync(body).length);
  });
  await page.goto(`${app.base}/dashboard/leads`, { waitUntil: "networkidle" });
  const totalKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
  console.log(`JavaScript for /dashboard/leads: ${totalKb.toFixed(1)} KB gzip in ${scripts.size} files (target ≤ 150 KB)`);
  const vitals = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    domContentLoaded: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? null,
  }));
  console.log(`first contentful paint ${vitals.fcp?.toFixed(0)} ms, DOMContentLoaded ${vitals.domContentLoaded?.toFixed(0)} ms (local, warm)`);

  await page.evaluate(() => {
    (window as unknown as { __cls: number }).__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) (window as unknown as { __cls: number }).__cls += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.getByLabel(/Describe your ideal client/).fill(`Heads of marketing at SaaS companies in Germany who need paid ads ${i % 2 ? "" : " "}`);
    const t0 = Date.now();
    await page.getByRole("button", { name: "Generate Leads" }).click();
    await page.locator("article").first().waitFor();
    times.push(Date.now() - t0);
    await page.getByRole("heading", { name: /^\d+ leads$/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector("form button[type=submit]")?.hasAttribute("disabled"));
  }
  const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
  console.log(`click → first card: p50 ${percentile(times, 50)} ms, p95 ${percentile(times, 95)} ms (n=${RUNS}; target ≤ 400 ms)`);
  console.log(`cumulative layout shift over ${RUNS} generations: ${cls.toFixed(3)}`);
} finally {
  await browser.close();
  await app.stop();
}
