// Error logs carry codes, ids and durations — never the SQL parameters or personal data of the statement
// that failed. A real constraint violation from Postgres is logged exactly as the API's error handler does.
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDb } from "../../workers/db/client";
import { createLogger, describeError } from "../../workers/lib/logger";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";

afterEach(() => vi.restoreAllMocks());

describe("error logs", () => {
  it("keep the SQLSTATE and constraint of a Postgres error, not its parameters, detail or values", async () => {
    const user = await createUser("logs");
    const me = await call("/api/me", { headers: user.headers });
    const workspaceId = me.body.workspace.id as string;
    const email = `secret.person.${crypto.randomUUID().slice(0, 6)}@private.example`;
    const { sql } = openDb(env.HYPERDRIVE.connectionString);
    const insert = () =>
      sql`insert into leads (workspace_id, user_id, full_name, email, notes) values (${workspaceId}, ${user.id}, ${"Jane Secret"}, ${email}, ${"call her at +49 170 1234567"})`;
    await insert();
    const err = await insert().then(
      () => undefined,
      (e: unknown) => e as Error & { parameters?: unknown[]; detail?: string },
    );
    // The raw error does carry the values — that is what must not reach the log.
    expect(err?.parameters).toContain(email);
    expect(err?.detail).toContain(email);

    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    createLogger({ requestId: "req-1" }).error("unhandled error", { durationMs: 12, ...describeError(err) });
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0]!);
    expect(logged).toMatchObject({
      msg: "unhandled error",
      requestId: "req-1",
      durationMs: 12,
      sqlState: "23505",
      constraint: "leads_ws_email_key",
      table: "leads",
    });
    for (const secret of [email, "secret.person", "Jane Secret", "1234567", workspaceId, user.id])
      expect(lines[0]).not.toContain(secret);
    expect(lines[0]).not.toMatch(/parameters|"query"|"detail"/);
  });

  it("scrub a browser's error report of query strings and e-mail addresses", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => void lines.push(line));
    // The workers suite logs at "warn", so the report's line is written in this isolate.
    const res = await call("/api/client-errors", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        message: 'Cannot read "ada@example.test" of undefined',
        url: "https://app.test/dashboard?email=ada@example.test&token=abc",
      }),
    });
    expect(res.status).toBe(202);
    const line = lines.find((l) => l.includes("client error"));
    expect(line).toBeDefined();
    expect(line).not.toContain("ada@example.test");
    expect(line).not.toContain("token=abc");
  });
});
