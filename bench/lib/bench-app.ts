// The app as benchmarks see it: the production build under `wrangler dev` on a fresh, migrated database
// (local Postgres server, else embedded), plus a helper that signs up a user through /auth/v1.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../../scripts/lib/migrate.ts";
import { freePort, startProcess, waitForHttp } from "../../scripts/lib/processes.ts";
import { createTestDatabase } from "../../test/support/database.ts";

/** `args` go to `wrangler dev` (e.g. `--var NAME:value` to change a setting for the run). */
export async function startBenchApp(opts: { args?: string[] } = {}) {
  const database = await createTestDatabase();
  await migrate(database.url);
  const port = await freePort();
  // Durable Object state of its own: objects left by an earlier run (e.g. a Sandbox still sending receipts
  // for a dropped database) would otherwise wake up and work during this one.
  const state = await mkdtemp(join(tmpdir(), "rarity-bench-"));
  const extra = ["--", "--persist-to", state, ...(opts.args ?? [])];
  const app = startProcess("bun", ["scripts/dev.ts", "--preview", ...extra], {
    env: { PORT: String(port), DATABASE_URL: database.url },
  });
  const stop = async () => {
    await app.stop();
    await database.drop();
    await rm(state, { recursive: true, force: true });
  };
  // The app runs in its own process group: a benchmark stopped by a signal (Ctrl-C, `timeout`), even while
  // the app starts, must take it along, or its workerd and session-host (port 8790) outlive it.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      stop().finally(() => process.exit(130));
    });
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/api/health`, 120_000, app);
  const { anonKey } = (await (await fetch(`${base}/api/auth/config`)).json()) as { anonKey: string };
  const signUp = async (email: string) =>
    (await (
      await fetch(`${base}/auth/v1/signup`, {
        method: "POST",
        headers: { apikey: anonKey, "content-type": "application/json" },
        body: JSON.stringify({ email, password: "bench-password-1" }),
      })
    ).json()) as { access_token: string; user: { id: string } };
  // BENCH_SERVER_LOG=<file>: the server's output goes there too (what workerd said while the figures ran).
  const logFile = process.env.BENCH_SERVER_LOG;
  if (logFile) {
    const { createWriteStream } = await import("node:fs");
    const out = createWriteStream(logFile);
    app.child.stdout?.on("data", (chunk) => out.write(chunk));
    app.child.stderr?.on("data", (chunk) => out.write(chunk));
  }
  return { base, port, pid: app.child.pid!, databaseUrl: database.url, signUp, stop };
}

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
