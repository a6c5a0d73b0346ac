import { mkdir } from "node:fs/promises";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = "test-results/screenshots";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** Collects console errors and uncaught page errors so a test can assert the page ran clean. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** True when the document is wider than the viewport, i.e. the user can scroll sideways. */
export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** Creates an account through the sign-up page and waits for the app to open. */
export async function signUpInBrowser(
  page: Page,
  baseUrl: string,
  path = "/signup",
): Promise<{ email: string; password: string }> {
  const email = `e2e-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const password = "correct-horse-battery";
  await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/dashboard"));
  return { email, password };
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** One browser per test file and a fresh context (cookies, storage) and page per test. */
export function useBrowserPage(viewport = { width: 1280, height: 800 }): BrowserSession {
  const state = {} as BrowserSession;
  beforeAll(async () => {
    state.browser = await launchBrowser();
  });
  afterAll(() => state.browser?.close());
  beforeEach(async () => {
    state.context = await state.browser.newContext({ viewport });
    state.page = await state.context.newPage();
    state.errors = watchErrors(state.page);
  });
  afterEach(() => state.context.close());
  return state;
}
