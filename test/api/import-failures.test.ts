// Imports that cannot finish say so (`failed` with the reason) instead of staying `running` forever, and
// a file's encoding is decided over the whole stream, not only its first megabyte.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { asService } from "../../workers/db/tenant";
import { IMPORT_CHUNK_JOB } from "../../workers/imports/import.service";
import { handleQueueBatch } from "../../workers/queues/dispatch";
import { createJob } from "../../workers/queues/job";
import { jobHandlers } from "../../workers/queues/registry";
import * as importsRepo from "../../workers/repos/imports.repo";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import { importFinished } from "../support/factories";
import type { TestUser } from "../support/auth";
import { eventually } from "../support/eventually";

const db = () => openDb(env.HYPERDRIVE.connectionString).db;
/** wrangler.toml: `max_retries = 5` on the enrichment queue, so a message is tried 6 times. */
const ATTEMPTS = 6;

async function workspaceOf(user: TestUser): Promise<string> {
  const rows = await db().execute(sql`select workspace_id from workspace_members where user_id = ${user.id}`);
  return String(rows[0]!.workspace_id);
}

/** An import with its chunks stored, as `POST /api/imports` leaves it, but with no job queued yet. */
async function stagedImport(user: TestUser, chunks: string[]) {
  const workspaceId = await workspaceOf(user);
  const record = await asService(db(), async (tx) => {
    const created = await importsRepo.insertImport(tx, {
      workspaceId,
      createdBy: user.id,
      listName: "Staged",
      encoding: "utf-8",
      delimiter: ",",
      headers: ["name", "email"],
      mapping: { name: "fullName", email: "email" },
      chunkCount: chunks.length,
    });
    for (const [seq, text] of chunks.entries())
      await importsRepo.insertChunk(tx, workspaceId, created.id, seq, new TextEncoder().encode(text));
    return created;
  });
  return { id: record.id, workspaceId };
}

async function deliver(
  queue: string,
  message: { id: string; attempts: number; body: unknown },
  opts: { throwing?: boolean } = {},
) {
  const batch = createMessageBatch(queue, [{ ...message, timestamp: new Date() }]);
  const ctx = createExecutionContext();
  const sent: unknown[] = [];
  // The chain's next job is captured rather than sent, so each test drives the chunks itself.
  const testEnv = {
    ...env,
    ENRICHMENT_QUEUE: { send: async (body: unknown) => void sent.push(body) },
  } as unknown as Env;
  const handlers = opts.throwing
    ? {
        ...jobHandlers,
        enrichment: {
          ...jobHandlers.enrichment,
          [IMPORT_CHUNK_JOB]: async () => {
            throw new Error("database went away");
          },
        },
      }
    : jobHandlers;
  await handleQueueBatch(batch, testEnv, ctx, handlers);
  return { result: await getQueueResult(batch, ctx), sent };
}

describe("an import whose chunk cannot be processed", () => {
  it("is marked failed with the reason once the chunk's retries are exhausted, keeping the rows already imported", async () => {
    const user = await createUser("import-dlq");
    const staged = await stagedImport(user, [
      "name,email\nAda One,ada@one.example\nBob Two,bob@two.example\n",
      "Cy Three,cy@three.example\n",
    ]);
    const job = (seq: number) =>
      createJob(
        IMPORT_CHUNK_JOB,
        { importId: staged.id, workspaceId: staged.workspaceId, seq },
        { workspaceId: staged.workspaceId },
      );

    const first = await deliver("enrichment", { id: `c0-${staged.id}`, attempts: 1, body: job(0) });
    expect(first.result.explicitAcks).toEqual([`c0-${staged.id}`]);
    expect(first.sent).toHaveLength(1);

    const second = { id: `c1-${staged.id}`, body: job(1) };
    for (let attempts = 1; attempts <= ATTEMPTS; attempts++) {
      const { result } = await deliver("enrichment", { ...second, attempts }, { throwing: true });
      expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: second.id })]);
    }
    let state = (await call(`/api/imports/${staged.id}`, { headers: user.headers })).body.import;
    expect(state.status).toBe("running");

    // The queue moves the message to the dead-letter queue after its last retry.
    const dlq = await deliver("enrichment-dlq", { ...second, attempts: ATTEMPTS });
    expect(dlq.result.ackAll).toBe(true);
    state = (await call(`/api/imports/${staged.id}`, { headers: user.headers })).body.import;
    expect(state).toMatchObject({ status: "failed", totalRows: 2, imported: 2, finishedAt: expect.any(String) });
    expect(state.error).toMatch(/Part 2 of 2 .*after 6 attempts.*2 rows read before it were kept/);
    const leads = (await call("/api/leads?limit=50", { headers: user.headers })).body.leads
      .map((l: { fullName: string }) => l.fullName)
      .sort();
    expect(leads).toEqual(["Ada One", "Bob Two"]);
    const audit = (await call("/api/audit-log", { headers: user.headers })).body.entries.map(
      (e: { event: string }) => e.event,
    );
    expect(audit).toContain("import.failed");

    // A redelivered dead letter changes nothing.
    await deliver("enrichment-dlq", { ...second, attempts: ATTEMPTS });
    expect((await call(`/api/imports/${staged.id}`, { headers: user.headers })).body.import.error).toBe(state.error);
  });

  it("dead-letters a job whose payload does not parse at once, without retries, and fails the import it names", async () => {
    const user = await createUser("import-bad-payload");
    const staged = await stagedImport(user, ["name,email\nAda One,ada@one.example\n"]);
    const body = createJob(
      IMPORT_CHUNK_JOB,
      { importId: staged.id, workspaceId: staged.workspaceId, seq: "first" },
      { workspaceId: staged.workspaceId },
    );
    const id = `bad-${staged.id}`;
    const { result } = await deliver("enrichment", { id, attempts: 1, body });
    expect(result.explicitAcks).toEqual([id]);
    expect(result.retryMessages).toEqual([]);
    const row = await db().execute(
      sql`select job_type, reason, attempts from dead_letter_jobs where message_id = ${id}`,
    );
    expect(row[0]).toMatchObject({
      job_type: IMPORT_CHUNK_JOB,
      attempts: 1,
      reason: expect.stringMatching(/invalid payload.*seq/),
    });
    const state = (await call(`/api/imports/${staged.id}`, { headers: user.headers })).body.import;
    expect(state).toMatchObject({ status: "failed", imported: 0 });
    expect(state.error).toMatch(/invalid payload/);
  });

  it("sent through the real enrichment queue, a malformed job lands in the dead-letter table after one attempt", async () => {
    const marker = crypto.randomUUID();
    await env.ENRICHMENT_QUEUE.send(createJob(IMPORT_CHUNK_JOB, { importId: marker, seq: -1 }));
    const row = await eventually(
      "the dead letter",
      async () =>
        (
          await db().execute(
            sql`select reason, attempts from dead_letter_jobs where body->'payload'->>'importId' = ${marker}`,
          )
        )[0],
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(row).toMatchObject({ attempts: 1, reason: expect.stringMatching(/invalid payload/) });
  });
});

describe("encoding over the whole file", () => {
  it("reads a Windows-1252 name that comes after the first megabyte of plain UTF-8", async () => {
    const user = await createUser("import-late-latin1");
    const filler = "x".repeat(100_000);
    const head = `name,email,blob\n${Array.from({ length: 12 }, (_, i) => `Filler ${i},filler${i}@fill.example,${filler}\n`).join("")}`;
    const tail = Uint8Array.from(
      "Jos\xe9 Garc\xeda,jose@garcia.example,short\nZo\xeb M\xfcller,zoe@mueller.example,x\n",
      (ch) => ch.charCodeAt(0),
    );
    const headBytes = new TextEncoder().encode(head);
    expect(headBytes.length).toBeGreaterThan(1024 * 1024);
    const body = new Uint8Array(headBytes.length + tail.length);
    body.set(headBytes);
    body.set(tail, headBytes.length);
    const res = await call("/api/imports", {
      method: "POST",
      headers: { ...user.headers, "content-type": "text/csv" },
      body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const done = await importFinished(user, res.body.import.id);
    expect(done).toMatchObject({ status: "completed", imported: 14, failed: 0 });
    const all = (await call("/api/leads?limit=50", { headers: user.headers })).body.leads.map(
      (l: { fullName: string }) => l.fullName,
    );
    expect(all).toEqual(expect.arrayContaining(["José García", "Zoë Müller"]));
    expect(all.join()).not.toMatch(/\uFFFD/);
  });
});
