// The reliability cases for the send path, run through the real queue, LeadRoom and Sandbox.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApi } from "../../workers/api/app";
import { openDb } from "../../workers/db/client";
import { deliverMessage } from "../../workers/messaging/orchestrator.service";
import { sendMessage } from "../../workers/messaging/send.service";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { eventually } from "../support/eventually";
import { createLead } from "../support/factories";
import { messageReaches, messageRow, sandboxProvider, sendRaw, testDb, workspaceOf } from "../support/messaging";

const DOWN_URL = "postgres://postgres@127.0.0.1:1/none";
const downEnv = { ...env, HYPERDRIVE: { ...env.HYPERDRIVE, connectionString: DOWN_URL } } as Env;

/**
 * A client as it should behave: one idempotency key per message, and a 503 (the database gate full under this
 * burst) retried after the Retry-After it names — with the same key, so a retry can never double a message.
 */
async function sendAsClient(user: TestUser, body: Record<string, unknown>) {
  const keyed = { idempotencyKey: crypto.randomUUID(), ...body };
  for (let attempt = 0; ; attempt++) {
    const res = await sendRaw(user, keyed);
    if (res.status !== 503 || attempt >= 30) return res;
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
  }
}

async function postWith(e: Env, user: TestUser, body: object): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await createApi().fetch(
    new Request("http://app.test/api/messages/send", {
      method: "POST",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    e,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("database down during a send", () => {
  it("answers 503 with Retry-After, stores nothing, and the same key goes through once it is back", async () => {
    const user = await createUser("dbdown");
    const lead = await createLead(user);
    const request = {
      leadId: lead.id,
      channel: "sandbox",
      body: "Survives outages",
      idempotencyKey: crypto.randomUUID(),
    };
    const down = await postWith(downEnv, user, request);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBeTruthy();
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe("SERVICE_UNAVAILABLE");
    const count = () =>
      testDb()
        .execute(sql`select count(*)::int as n from messages where idempotency_key = ${request.idempotencyKey}`)
        .then((r) => r[0]!.n);
    expect(await count()).toBe(0);
    const up = await postWith(env, user, request);
    expect(up.status).toBe(202);
    const id = ((await up.json()) as { message: { id: string } }).message.id;
    await messageReaches(id, "sent");
    expect(await count()).toBe(1);
  });

  it("leaves a message queued when the consumer cannot reach Postgres, and sends it once on the retry", async () => {
    const user = await createUser("dbdown-consumer");
    const workspaceId = await workspaceOf(user);
    const lead = await createLead(user);
    const actor = {
      userId: user.id,
      claims: { sub: user.id, role: "authenticated" as const },
      workspaceId,
      workspaceRole: "owner" as const,
      scopes: ["read", "write"] as ("read" | "write")[],
    };
    const noQueue = {
      ...env,
      OUTBOUND_QUEUE: { sendBatch: () => Promise.reject(new Error("held back")) },
    } as unknown as Env;
    const { message } = await sendMessage(
      testDb(),
      actor,
      { leadId: lead.id, channel: "sandbox", body: "Later", idempotencyKey: crypto.randomUUID() },
      noQueue,
    );
    const down = openDb(DOWN_URL);
    await expect(deliverMessage(down.db, env, workspaceId, message.id)).rejects.toThrow();
    expect((await messageRow(message.id)).status).toBe("queued");
    expect(await sandboxProvider(workspaceId).deliveries()).toBe(0);
    expect((await deliverMessage(testDb(), env, workspaceId, message.id)).outcome).toBe("sent");
    expect(await sandboxProvider(workspaceId).deliveries()).toBe(1);
  });
});

describe("1,000 concurrent sends across 50 leads", () => {
  // Correctness under concurrency, not speed (bench:messaging measures that): the time limits leave room for a
  // loaded CI machine, where accepting 1,000 sends through the API has taken over two minutes.
  it("stores and sends each exactly once, in order per lead", { timeout: 300_000 }, async () => {
    const user = await createUser("volume");
    const workspaceId = await workspaceOf(user);
    const leads = await Promise.all(Array.from({ length: 50 }, () => createLead(user)));
    const perLead = 20;
    // Each lead's messages go one after another (that is the order to keep); the 50 leads all at once.
    const ids = await Promise.all(
      leads.map(async (lead) => {
        const mine: string[] = [];
        for (let i = 0; i < perLead; i++) {
          const res = await sendAsClient(user, {
            leadId: lead.id,
            channel: "sandbox",
            body: `Message ${i}`,
            sendNow: true,
          });
          expect(res.status).toBe(202);
          mine.push(res.id);
        }
        return mine;
      }),
    );
    const all = ids.flat();
    expect(new Set(all).size).toBe(1000);
    const rows = await eventually(
      "all 1,000 sent",
      async () => {
        const r = (await testDb().execute(sql`
          select id, lead_id, status, sent_at, created_at, provider_message_id from messages
          where workspace_id = ${workspaceId} and direction = 'outbound'`)) as unknown as {
          id: string;
          lead_id: string;
          status: string;
          sent_at: string;
          provider_message_id: string;
        }[];
        return r.length === 1000 && r.every((m) => m.status !== "queued") ? r : undefined;
      },
      { timeoutMs: 200_000, intervalMs: 500 },
    );
    // Sent, and by now perhaps already delivered or read: the Sandbox's receipts come back through the inbound path.
    expect(rows.filter((r) => ["sent", "delivered", "read"].includes(r.status))).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.provider_message_id)).size).toBe(1000);
    expect(await sandboxProvider(workspaceId).deliveries()).toBe(1000);
    const sentAt = new Map(rows.map((r) => [r.id, new Date(r.sent_at).getTime()]));
    for (const mine of ids) {
      const times = mine.map((id) => sentAt.get(id)!);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });
});
