// `bun run dev` (Vite's dev server): it hands the browser the app's modules and nothing else (not the embedded
// database, not secrets, not migrations or repository metadata — however the path is spelled), and every page
// renders without a console error or a hydration warning (React reports mismatches only in development builds).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EMBEDDED_DATA_DIR } from "../../scripts/lib/database-target.ts";
import { ROOT, freePort, startProcess, waitForHttp } from "../../scripts/lib/processes.ts";
import type { StartedProcess } from "../../scripts/lib/processes.ts";
import type { Page } from "playwright-core";
import routes from "../../app/routes.ts";
import { launchBrowser, signUpInBrowser, watchErrors } from "../support/browser.ts";

const probe = `probe-${crypto.randomUUID().slice(0, 8)}`;
const planted = [`.data/${probe}/pg_wal/000000010000000000000001`, `.env.${probe}`, `${probe}.pem`];
let dataDir: string;
let base: string;
let dev: StartedProcess;

beforeAll(async () => {
  for (const file of planted) {
    await mkdir(join(ROOT, file, ".."), { recursive: true });
    await writeFile(join(ROOT, file), "tenant@example.test password-hash secret");
  }
  dataDir = await mkdtemp(join(tmpdir(), "rarity-devfiles-"));
  const [port, pgPort] = [await freePort(), await freePort()];
  dev = startProcess("bun", ["scripts/dev.ts"], {
    // A cold Vite cache, as on a first `bun run dev`: dependencies found late used to break the first visit.
    env: {
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_PG_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
      VITE_CACHE_DIR: join(dataDir, "vite"),
    },
  });
  base = `http://127.0.0.1:${port}`;
  // A cold start (Vite's dependency scan, the embedded database) takes ~40 s quiet and over 90 s under load.
  await waitForHttp(`${base}/api/health`, 180_000, dev);
}, 210_000);

afterAll(async () => {
  await dev?.stop();
  await rm(join(ROOT, ".data", probe), { recursive: true, force: true });
  for (const file of planted.slice(1)) await rm(join(ROOT, file), { force: true });
  await rm(dataDir, { recursive: true, force: true });
});

const walFile = planted[0]!;
const refused = [
  `/${walFile}?raw`,
  `/${walFile}`,
  `/${walFile}?import&raw`,
  `/%2e%64ata/${probe}/pg_wal/000000010000000000000001?raw`,
  `/@fs${ROOT}${walFile}?raw`,
  `/node_modules/../${walFile}?raw`,
  `/.dev.vars?raw`,
  `/.dev.vars`,
  `/@fs${ROOT}.dev.vars`,
  `/.env.${probe}?raw`,
  `/${probe}.pem?raw`,
  `/.git/config?raw`,
  `/.git/HEAD`,
  `/supabase/migrations/20261125000000_initial_schema.sql?raw`,
  `/supabase/config.toml?raw`,
  `/wrangler.toml?raw`,
  `/scripts/dev.ts?raw`,
  `/@fs/etc/passwd`,
];

describe("the dev server's file serving", () => {
  it.each(refused)("refuses %s", async (path) => {
    const res = await fetch(`${base}${path}`, { redirect: "manual" });
    const body = await res.text();
    expect([403, 404]).toContain(res.status);
    expect(body).not.toContain("password-hash");
    expect(body).not.toContain("AUTH_JWT_SECRET");
  });

  it("keeps the embedded database outside the project folder by default", () => {
    expect(DEFAULT_EMBEDDED_DATA_DIR.startsWith(ROOT)).toBe(false);
  });

  it("still serves the app: pages hydrate in a browser with every module loading", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      const refusedModules: string[] = [];
      page.on("response", (res) => {
        if (res.url().startsWith(base) && res.status() === 403) refusedModules.push(res.url());
      });
      for (const path of ["/", "/login", "/signup"]) {
        await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
      }
      await page.getByLabel(/email/i).first().fill("someone@example.test");
      expect(refusedModules).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

/** Every path in app/routes.ts, with parameters filled in and query strings that open real data. */
function everyPage(ids: { pipelineId: string; requestId: string }): string[] {
  const paths: string[] = [];
  const walk = (list: { path?: string; index?: boolean; children?: unknown[] }[]) => {
    for (const r of list) {
      if (r.path !== undefined)
        paths.push(`/${r.path}`.replace("/*", "/no-such-page").replace(/:(\w+)/g, "not-a-real-$1"));
      else if (r.index) paths.push("/");
      if (r.children) walk(r.children as typeof list);
    }
  };
  walk(routes as Parameters<typeof walk>[0]);
  return [...paths, `/dashboard/crm?pipeline=${ids.pipelineId}`, `/dashboard/leads?request=${ids.requestId}`];
}

async function seed(page: Page) {
  return page.evaluate(async () => {
    const post = async (path: string, body: object) =>
      (await (
        await fetch(path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, { id: string }>;
    const { pipeline } = await post("/api/pipelines", { name: "Outbound" });
    const { lead } = await post("/api/leads", { fullName: "Ada Lovelace", companyName: "Acme", jobTitle: "CMO" });
    await post(`/api/pipelines/${pipeline!.id}/cards`, { leadId: lead!.id });
    const { request } = await post("/api/lead-requests", {
      description: "CTOs of fintech companies in Berlin",
      sources: ["sample"],
    });
    return { pipelineId: pipeline!.id, requestId: request!.id };
  });
}

describe("every page in the dev build", () => {
  it("loads, hydrates and runs without console errors or hydration warnings", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await signUpInBrowser(page, base);
      const pages = everyPage(await seed(page));
      expect(pages).toEqual(
        expect.arrayContaining(["/", "/login", "/dashboard/crm", "/dashboard/leads", "/dashboard/imports"]),
      );
      const problems: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error" || msg.type() === "warning")
          problems.push(`${page.url()} ${msg.type()}: ${msg.text()}`);
      });
      page.on("pageerror", (err) => problems.push(`${page.url()} pageerror: ${err.message}`));
      for (const path of pages) {
        await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
        // Hydration has finished once React Router's client router exists.
        await page.waitForFunction(() => "__reactRouterRouter" in window || "__reactRouterContext" in window);
      }
      // 404s are expected answers for the made-up pages; everything else must be silent.
      expect(
        problems.filter((p) => !/Failed to load resource: the server responded with a status of 404/.test(p)),
      ).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
