// The app as benchmarks see it: the production build under `wrangler dev` on a fresh, migrated database
// (local Postgres server, else embedded), plus a helper that signs up a user through /auth/v1.
import { migrate } from "../../scripts/lib/migrate.ts";
import { freePort, startProcess, waitForHttp } from "../../scripts/lib/processes.ts";
import { createTestDatabase } from "../../test/support/database.ts";

/** `args` go to `wrangler dev` (e.g. `--var NAME:value` to change a setting for the run). */
export async function startBenchApp(opts: { args?: string[] } = {}) {
  const database = await createTestDatabase();
  await migrate(database.url);
  const port = await freePort();
  const extra = opts.args?.length ? ["--", ...opts.args] : [];
  const app = startProcess("bun", ["scripts/dev.ts", "--preview", ...extra], {
    env: { PORT: String(port), DATABASE_URL: database.url },
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
  const stop = async () => {
    await app.stop();
    await database.drop();
  };
  return { base, port, databaseUrl: database.url, signUp, stop };
}

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
