// `bun run test` — every suite against real parts, ending with one `N passed, N failed` line.
// Provisions a migrated test database (the local Postgres server when it answers, else embedded PGlite),
// makes sure Debian chromium is present for the browser suite, then runs the suites in turn.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { migrate } from "./lib/migrate.ts";
import { ROOT, run } from "./lib/processes.ts";
import { createTestDatabase } from "../test/support/database.ts";
import { CHROMIUM_PATH } from "../test/support/browser.ts";
import { startFakes } from "../test/fakes/start-fakes.ts";
import { TEST_SESSION_HOST_SECRET, UNREACHABLE_SESSION_HOST_URL } from "../test/support/test-env.ts";
import { FAST_PACING } from "../session-host/test/support/fast-pacing.ts";
import { startSessionHostProcess } from "./lib/session-host-process.ts";

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
}

const RESULTS_DIR = `${ROOT}test-results`;
// e.g. `bun run test workers e2e`; file filters after `--` go to vitest: `bun run test workers -- test/api/members`
const dashDash = process.argv.indexOf("--");
const only = process.argv.slice(2, dashDash >= 0 ? dashDash : undefined);
const fileFilters = dashDash >= 0 ? process.argv.slice(dashDash + 1) : [];
const wanted = (name: string) => only.length === 0 || only.includes(name);

await rm(RESULTS_DIR, { recursive: true, force: true });
await mkdir(RESULTS_DIR, { recursive: true });
if (wanted("e2e")) await ensureChromium();

const started = Date.now();
const database = await createTestDatabase();
console.log(`[test] database: ${database.kind === "server" ? "local Postgres server" : "embedded PGlite"}`);
await migrate(database.url);
const env = { TEST_DATABASE_URL: database.url };

const results: SuiteResult[] = [];
try {
  if (wanted("lint")) results.push(await lint());
  if (wanted("typecheck")) results.push(await typecheck());
  if (wanted("openapi")) results.push(await lintOpenApi());
  if (wanted("session-host")) results.push(await sessionHostSuite());
  for (const suite of ["node", "workers", "providers", "e2e"]) {
    if (!wanted(suite)) continue;
    if (suite !== "providers") {
      results.push(await vitestSuite(suite, env));
      continue;
    }
    // Local fakes of Apollo, Clearbit, Crunchbase and an OpenAI-compatible LLM, per their documented contracts,
    // and a real session-host process (WhatsApp, decision 017) on the same test database.
    const fakes = await startFakes();
    const host = await startTestSessionHost(database.url, fakes.env.FAKE_LINKEDIN_URL);
    try {
      results.push(await vitestSuite(suite, { ...env, ...fakes.env, SESSION_HOST_TEST_URL: host.url }));
    } finally {
      await Promise.all([fakes.close(), host.process.stop()]);
    }
  }
} finally {
  await database.drop();
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log("\n[test] summary");
for (const r of results)
  console.log(`  ${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed  (${r.seconds.toFixed(1)} s)`);
console.log(`  wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);

/**
 * The real session-host for the providers suite. Its events cannot reach the Worker there (vitest's workerd has
 * no address the host can post to), so tests sign events themselves (or relay the ones its outbox holds); no
 * WhatsApp answers on port 9, so its WhatsApp sessions stay unpaired; its LinkedIn sessions reach the fake.
 */
async function startTestSessionHost(databaseUrl: string, linkedinUrl: string) {
  const host = await startSessionHostProcess({
    databaseUrl,
    secret: TEST_SESSION_HOST_SECRET,
    workerUrl: UNREACHABLE_SESSION_HOST_URL,
    encryptionKeys: `test:${Buffer.alloc(32, 7).toString("base64")}`,
    encryptionKeyId: "test",
    env: {
      SESSION_HOST_ID: `test-${process.pid}`,
      WA_WEBSOCKET_URL: "ws://127.0.0.1:9/ws/chat",
      // LinkedIn sessions talk to the Voyager fake (test/fakes/linkedin-voyager-fake.ts), sending without gaps.
      LINKEDIN_API_URL: linkedinUrl,
      LINKEDIN_POLL_MS: "300",
      SESSION_PACING_DEFAULTS: JSON.stringify(FAST_PACING),
      LOG_LEVEL: "error",
    },
  });
  await host.ready;
  return host;
}

async function vitestSuite(name: string, extraEnv: Record<string, string>): Promise<SuiteResult> {
  const t0 = Date.now();
  const output = `${RESULTS_DIR}/${name}.json`;
  console.log(`\n[test] ${name}`);
  const code = await run(
    "vitest",
    [
      "run",
      "-c",
      `vitest.${name}.config.ts`,
      ...fileFilters,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${output}`,
    ],
    extraEnv,
  );
  const seconds = (Date.now() - t0) / 1000;
  const report = existsSync(output) ? JSON.parse(await readFile(output, "utf8")) : undefined;
  const passed = report?.numPassedTests ?? 0;
  let failed = report?.numFailedTests ?? 0;
  // A crash, an unhandled error or a suite that found no tests fails the run even with no failed test.
  if (code !== 0 && failed === 0) failed = 1;
  return { name, passed, failed, seconds };
}

/** Biome's lint rules and formatting (biome.json) over the whole tree: one finding fails the run. */
async function lint(): Promise<SuiteResult> {
  const t0 = Date.now();
  console.log("\n[test] lint");
  const ok = (await run("biome", ["check", "."])) === 0;
  return { name: "lint", passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - t0) / 1000 };
}

/**
 * The session-host's own Bun tests (its package runs on Bun, not workerd): real hosts in-process, each test file
 * on a freshly migrated database of its own, and a loopback WhatsApp stand-in for Baileys to talk to.
 */
async function sessionHostSuite(): Promise<SuiteResult> {
  const t0 = Date.now();
  console.log("\n[test] session-host");
  const output = `${RESULTS_DIR}/session-host.xml`;
  const args = ["test", "--isolate", "--timeout=30000", "--reporter=junit", `--reporter-outfile=${output}`];
  const code = await run("bun", [...args, ...fileFilters], {}, `${ROOT}session-host`);
  const report = existsSync(output) ? await readFile(output, "utf8") : "";
  const totals = /<testsuites[^>]*\btests="(\d+)"[^>]*\bfailures="(\d+)"/.exec(report);
  const tests = Number(totals?.[1] ?? 0);
  let failed = Number(totals?.[2] ?? 0);
  if ((code !== 0 || tests === 0) && failed === 0) failed = 1;
  // Bun prints its own per-test lines; the junit file gives the totals this summary needs.
  return { name: "session-host", passed: tests - Number(totals?.[2] ?? 0), failed, seconds: (Date.now() - t0) / 1000 };
}

async function typecheck(): Promise<SuiteResult> {
  const t0 = Date.now();
  console.log("\n[test] typecheck");
  const ok =
    (await run("react-router", ["typegen"])) === 0 &&
    (await run("tsc", ["--noEmit"])) === 0 &&
    (await run("tsc", ["--noEmit", "-p", "session-host"])) === 0;
  return { name: "typecheck", passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - t0) / 1000 };
}

/** The OpenAPI document through an outside linter (Redocly CLI, recommended rules): any error fails the run. */
async function lintOpenApi(): Promise<SuiteResult> {
  const t0 = Date.now();
  console.log("\n[test] openapi");
  const ok = (await run("bun", ["scripts/lint-openapi.ts"])) === 0;
  return { name: "openapi", passed: ok ? 1 : 0, failed: ok ? 0 : 1, seconds: (Date.now() - t0) / 1000 };
}

async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    console.warn(
      `[test] ${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium) for the browser suite.`,
    );
    return;
  }
  console.log("[test] installing Debian chromium for the browser suite");
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if ((await run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], env)) !== 0) {
    await run("apt-get", ["update"], env);
    await run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], env);
  }
}
