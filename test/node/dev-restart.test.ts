// The README's start command on embedded defaults: the app comes up, and data survives a restart.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startProcess, waitForHttp } from "../../scripts/lib/processes.ts";

const dataDir = await mkdtemp(join(tmpdir(), "rarity-embedded-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** The README's first command (`bun run start`): production build served by wrangler; the restart reuses it. */
async function startApp(build = true) {
  const [port, pgPort] = [await freePort(), await freePort()];
  const env = {
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    EMBEDDED_PG_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
  };
  const dev = startProcess("bun", ["scripts/dev.ts", "--preview", ...(build ? [] : ["--no-build"])], { env });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 90_000, dev);
  return { dev, port, dbUrl: `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres` };
}

describe("bun run start with no DATABASE_URL", () => {
  it("serves the page and a healthy API on the embedded database, and keeps data across a restart", async () => {
    const first = await startApp();
    try {
      const health = await fetch(`http://127.0.0.1:${first.port}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", db: "ok" });
      const page = await fetch(`http://127.0.0.1:${first.port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Rarity Leads");

      const sql = postgres(first.dbUrl, { max: 1 });
      await sql`insert into auth.users (email) values ('survivor@example.test')`;
      await sql.end();
    } finally {
      await first.dev.stop();
    }

    const second = await startApp(false);
    try {
      const sql = postgres(second.dbUrl, { max: 1 });
      const rows =
        await sql`select w.name from auth.users u join workspaces w on w.created_by = u.id where u.email = 'survivor@example.test'`;
      await sql.end();
      expect(rows.map((r) => r.name)).toEqual(["survivor's workspace"]);
    } finally {
      await second.dev.stop();
    }
  }, 240_000);
});
