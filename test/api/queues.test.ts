import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { createJob } from "../../workers/queues/job";
import type { JobHandlers } from "../../workers/queues/job";
import { handleQueueBatch } from "../../workers/queues/dispatch";
import { findDeadLetter } from "../../workers/repos/dead-letters.repo";
import { eventually } from "../support/eventually";

const db = () => openDb(env.HYPERDRIVE.connectionString).db;

function handlersWith(enrichment: JobHandlers) {
  return { enrichment, outbound: {}, inbound: {} };
}

describe("queue dispatch", () => {
  it("dead-letters a message of unknown type sent through the real enrichment queue, without retrying it", async () => {
    const marker = crypto.randomUUID();
    await env.ENRICHMENT_QUEUE.send(createJob("no-such-job", { marker }));
    const row = await eventually(
      "the dead letter",
      async () => {
        const rows = await db().execute(
          sql`select queue, job_type, reason, attempts from dead_letter_jobs where body->'payload'->>'marker' = ${marker}`,
        );
        return rows[0];
      },
      { timeoutMs: 8000, intervalMs: 100 },
    );
    expect(row).toMatchObject({
      queue: "enrichment",
      job_type: "no-such-job",
      reason: 'no handler for job type "no-such-job"',
      attempts: 1,
    });
  });

  it("acks jobs whose handler succeeds and passes them their payload", async () => {
    const seen: unknown[] = [];
    const batch = createMessageBatch("enrichment", [
      { id: "m-ok-1", timestamp: new Date(), attempts: 1, body: createJob("enrich-lead", { leadId: "L1" }) },
    ]);
    const ctx = createExecutionContext();
    await handleQueueBatch(
      batch,
      env,
      ctx,
      handlersWith({ "enrich-lead": async (payload) => void seen.push(payload) }),
    );
    const result = await getQueueResult(batch, ctx);
    expect(seen).toEqual([{ leadId: "L1" }]);
    expect(result.explicitAcks).toEqual(["m-ok-1"]);
    expect(result.retryMessages).toEqual([]);
  });

  it("retries a failing job instead of acking it", async () => {
    const batch = createMessageBatch("enrichment", [
      { id: "m-fail-3", timestamp: new Date(), attempts: 3, body: createJob("enrich-lead", {}) },
    ]);
    const ctx = createExecutionContext();
    await handleQueueBatch(
      batch,
      env,
      ctx,
      handlersWith({
        "enrich-lead": async () => {
          throw new Error("provider 503");
        },
      }),
    );
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: "m-fail-3" })]);
  });

  it("dead-letters a body that is not a job envelope", async () => {
    const id = `m-bad-${crypto.randomUUID()}`;
    const batch = createMessageBatch("outbound", [{ id, timestamp: new Date(), attempts: 1, body: "just a string" }]);
    const ctx = createExecutionContext();
    await handleQueueBatch(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([id]);
    expect(await findDeadLetter(db(), "outbound", id)).toMatchObject({
      body: "just a string",
      reason: "not a job envelope",
      jobType: null,
    });
  });

  it("records messages arriving on a dead-letter queue once, even when redelivered", async () => {
    const id = `m-dlq-${crypto.randomUUID()}`;
    const message = {
      id,
      timestamp: new Date(),
      attempts: 6,
      body: createJob("send-message", { to: "+4915112345678" }),
    };
    for (let i = 0; i < 2; i++) {
      const batch = createMessageBatch("outbound-dlq", [message]);
      const ctx = createExecutionContext();
      await handleQueueBatch(batch, env, ctx);
      expect((await getQueueResult(batch, ctx)).ackAll).toBe(true);
    }
    const rows = await db().execute(sql`select count(*)::int as n from dead_letter_jobs where message_id = ${id}`);
    expect(rows[0]).toEqual({ n: 1 });
    expect(await findDeadLetter(db(), "outbound-dlq", id)).toMatchObject({
      jobType: "send-message",
      reason: "retries exhausted",
      attempts: 6,
    });
  });
});

describe("outbound batches", () => {
  it("hand a batch handler one lead's sends in priority order (reply, manual, campaign), arrival order within a priority", async () => {
    const workspaceId = crypto.randomUUID();
    const [leadA, leadB] = [crypto.randomUUID(), crypto.randomUUID()];
    const job = (leadId: string, priority: number, tag: string) =>
      createJob("message.send", { workspaceId, messageId: crypto.randomUUID(), leadId, priority, tag });
    const bodies = [
      job(leadA, 2, "A campaign"),
      job(leadB, 1, "B manual 1"),
      job(leadA, 1, "A manual 1"),
      job(leadA, 0, "A reply"),
      job(leadB, 1, "B manual 2"),
      job(leadA, 1, "A manual 2"),
    ];
    const batch = createMessageBatch(
      "outbound",
      bodies.map((body, i) => ({ id: `o-${i}`, timestamp: new Date(), attempts: 1, body })),
    );
    const order: string[] = [];
    const ctx = createExecutionContext();
    await handleQueueBatch(
      batch,
      env,
      ctx,
      { enrichment: {}, outbound: {}, inbound: {} },
      {},
      {
        outbound: {
          "message.send": async (jobs) => {
            order.push(...jobs.map((j) => (j.payload as { tag: string }).tag));
            // One job fails: only it is retried, the others are acked.
            return jobs.map((j) =>
              (j.payload as { tag: string }).tag === "B manual 2" ? new Error("provider 503") : null,
            );
          },
        },
      },
    );
    expect(order.filter((t) => t.startsWith("A"))).toEqual(["A reply", "A manual 1", "A manual 2", "A campaign"]);
    expect(order.filter((t) => t.startsWith("B"))).toEqual(["B manual 1", "B manual 2"]);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(5);
    expect(result.retryMessages).toEqual([expect.objectContaining({ msgId: "o-4" })]);
  });
});
