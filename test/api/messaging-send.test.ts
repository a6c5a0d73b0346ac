import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../workers/index";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliverMessage } from "../../workers/messaging/orchestrator.service";
import { sweepQueuedMessages } from "../../workers/messaging/outbound-queue";
import { sendMessage } from "../../workers/messaging/send.service";
import type { Actor } from "../../workers/services/actor";
import type { TestUser } from "../support/auth";
import { roomName } from "../../workers/realtime/room-access";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import { createApiKey, createLead, teammate } from "../support/factories";
import {
  markSampleOnly,
  messageReaches,
  messageRow,
  sandboxProvider,
  send,
  setMessagingSettings,
  testDb,
  workspaceOf,
} from "../support/messaging";
import { connect } from "../support/room-sockets";
import { eventually } from "../support/eventually";

describe("POST /api/messages/send on the Sandbox", () => {
  it("queues (202), answers a repeated key with the same message (200), and the Sandbox receives it once", async () => {
    const user = await createUser("send");
    const lead = await createLead(user);
    const key = crypto.randomUUID();
    const first = await send(user, {
      leadId: lead.id,
      channel: "sandbox",
      body: "Hello from Rarity",
      idempotencyKey: key,
    });
    expect(first.status).toBe(202);
    expect(first.body.message).toMatchObject({ status: "queued", channel: "sandbox", clientMessageId: key });
    const again = await send(user, {
      leadId: lead.id,
      channel: "sandbox",
      body: "Hello from Rarity",
      idempotencyKey: key,
    });
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);

    const sent = await messageReaches(first.body.message.id, "sent");
    expect(sent.provider_message_id).toMatch(/^sbx_/);
    expect(await sandboxProvider(await workspaceOf(user)).deliveries()).toBe(1);
  });

  it("keeps one message when 20 requests race with the same key", async () => {
    const user = await createUser("race");
    const lead = await createLead(user);
    const key = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        send(user, { leadId: lead.id, channel: "sandbox", body: "Once", idempotencyKey: key }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 202].sort());
    expect(new Set(results.map((r) => r.body.message.id)).size).toBe(1);
    const rows = await testDb().execute(sql`select count(*)::int as n from messages where idempotency_key = ${key}`);
    expect(rows[0]!.n).toBe(1);
  });

  it("refuses a key reused for another lead (409) and a read-only key (403)", async () => {
    const user = await createUser("reuse");
    const [a, b] = [await createLead(user), await createLead(user)];
    const key = crypto.randomUUID();
    expect((await send(user, { leadId: a.id, channel: "sandbox", body: "Hi", idempotencyKey: key })).status).toBe(202);
    const reused = await send(user, { leadId: b.id, channel: "sandbox", body: "Hi", idempotencyKey: key });
    expect(reused.status).toBe(409);
    const readKey = await createApiKey(user, ["read"]);
    const refused = await send(
      { ...user, headers: { authorization: `Bearer ${readKey.key}` } },
      {
        leadId: a.id,
        channel: "sandbox",
        body: "Hi",
      },
    );
    expect(refused.status).toBe(403);
  });

  it("records an integration's send (API key) as origin api, a person's as manual", async () => {
    const user = await createUser("origin-api");
    const lead = await createLead(user);
    const writeKey = await createApiKey(user, ["read", "write"]);
    const viaKey = await send(
      { ...user, headers: { authorization: `Bearer ${writeKey.key}` } },
      { leadId: lead.id, channel: "sandbox", body: "From the integration" },
    );
    const byHand = await send(user, { leadId: lead.id, channel: "sandbox", body: "From the rep" });
    expect(viaKey.status).toBe(202);
    expect(byHand.status).toBe(202);
    const origins = await testDb().execute(
      sql`select body, origin from messages where lead_id = ${lead.id} order by body`,
    );
    expect([...origins]).toEqual([
      { body: "From the integration", origin: "api" },
      { body: "From the rep", origin: "manual" },
    ]);
  });

  it("does not reach another workspace's lead", async () => {
    const owner = await createUser("owner");
    const stranger = await createUser("stranger");
    const lead = await createLead(owner);
    const res = await send(stranger, { leadId: lead.id, channel: "sandbox", body: "Hi" });
    expect(res.status).toBe(404);
  });
});

describe("policy", () => {
  it("messages sample-data leads in the Sandbox only", async () => {
    const user = await createUser("sample");
    const lead = await createLead(user, { phone: "+4915112345678" });
    await markSampleOnly(lead.id);
    const real = await send(user, { leadId: lead.id, channel: "whatsapp", body: "Hi", fallback: false });
    expect(real.status).toBe(422);
    expect(real.body.error).toMatchObject({ code: "MESSAGE_BLOCKED", details: { reason: "sample_lead" } });
    const composer = await call(`/api/leads/${lead.id}/composer`, { headers: user.headers });
    expect(composer.body).toMatchObject({ sample: true, defaultChannel: "sandbox" });
    expect(composer.body.channels.find((c: { channel: string }) => c.channel === "whatsapp")).toMatchObject({
      possible: false,
    });
    const routed = await send(user, { leadId: lead.id, body: "Hi" });
    expect(routed.status).toBe(202);
    expect(routed.body.message.channel).toBe("sandbox");
  });

  it("says why a real channel cannot be used when no account is connected", async () => {
    const user = await createUser("noacct");
    const lead = await createLead(user, { phone: "+4915112345679" });
    const res = await send(user, { leadId: lead.id, channel: "whatsapp", body: "Hi" });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toMatchObject({ channel: "whatsapp", reason: "no_account" });
    expect(res.body.error.message).toMatch(/No WhatsApp account is connected/);
  });

  it("falls back to the next channel in the workspace's order and links both messages", async () => {
    const user = await createUser("fallback");
    const lead = await createLead(user, { phone: "+4915112345680" });
    await setMessagingSettings(await workspaceOf(user), { fallbackOrder: ["whatsapp", "sandbox"] });
    const res = await send(user, { leadId: lead.id, channel: "whatsapp", body: "Hi there" });
    expect(res.status).toBe(202);
    expect(res.body.message).toMatchObject({ channel: "sandbox", status: "queued" });
    const original = await messageRow(res.body.message.fallbackOf);
    expect(original).toMatchObject({ channel: "whatsapp", status: "failed", error_code: "no_account" });
    await messageReaches(res.body.message.id, "sent");
  });

  it("holds a message during the lead's quiet hours unless the rep sends now", async () => {
    const user = await createUser("quiet");
    // A zone where it is 23:00-something right now: Etc/GMT-N is UTC+N.
    const offset = (23 - new Date().getUTCHours() + 24) % 24;
    const zone = offset === 0 ? "Etc/UTC" : offset <= 14 ? `Etc/GMT-${offset}` : `Etc/GMT+${24 - offset}`;
    const lead = await createLead(user, { timezone: zone });
    const held = await send(user, { leadId: lead.id, channel: "sandbox", body: "Tomorrow morning" });
    expect(held.status).toBe(202);
    expect(Date.parse(held.body.message.holdUntil)).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    const now = await send(user, { leadId: lead.id, channel: "sandbox", body: "Right now", sendNow: true });
    expect(now.body.message.holdUntil).toBeNull();
    await messageReaches(now.body.message.id, "sent");
    expect((await messageRow(held.body.message.id)).status).toBe("queued");
    // "Send now" on the held message: the same key with sendNow lifts the hold.
    const released = await send(user, {
      leadId: lead.id,
      channel: "sandbox",
      body: "Tomorrow morning",
      idempotencyKey: held.body.message.clientMessageId,
      sendNow: true,
    });
    expect(released.status).toBe(200);
    expect(released.body.message).toMatchObject({ id: held.body.message.id, holdUntil: null });
    await messageReaches(held.body.message.id, "sent");
  });
});

const queueDown = {
  ...env,
  OUTBOUND_QUEUE: {
    send: () => Promise.reject(new Error("queue unavailable")),
    sendBatch: () => Promise.reject(new Error("queue unavailable")),
  },
} as unknown as Env;

async function actorOf(user: TestUser): Promise<{ actor: Actor; workspaceId: string }> {
  const workspaceId = await workspaceOf(user);
  return {
    workspaceId,
    actor: {
      userId: user.id,
      claims: { sub: user.id, role: "authenticated" },
      workspaceId,
      workspaceRole: "owner",
      scopes: ["read", "write"],
    },
  };
}

describe("the orchestrator", () => {
  it("sends exactly once when the consumer dies after the provider accepted and before the database update", async () => {
    const user = await createUser("crash");
    const { actor, workspaceId } = await actorOf(user);
    const lead = await createLead(user);
    // The enqueue after commit fails, so no queue job races the direct calls below.
    const { message } = await sendMessage(
      testDb(),
      actor,
      { leadId: lead.id, channel: "sandbox", body: "Exactly once", idempotencyKey: crypto.randomUUID() },
      queueDown,
    );
    let acceptedId = "";
    await expect(
      deliverMessage(testDb(), env, workspaceId, message.id, {
        afterProviderAccepted: (providerMessageId) => {
          acceptedId = providerMessageId;
          throw new Error("consumer crashed");
        },
      }),
    ).rejects.toThrow("consumer crashed");
    expect((await messageRow(message.id)).status).toBe("queued");
    const retried = await deliverMessage(testDb(), env, workspaceId, message.id);
    expect(retried).toEqual({ outcome: "sent", providerMessageId: acceptedId });
    expect(await messageRow(message.id)).toMatchObject({ status: "sent", provider_message_id: acceptedId });
    expect(await sandboxProvider(workspaceId).deliveries()).toBe(1);
    expect(await deliverMessage(testDb(), env, workspaceId, message.id)).toEqual({
      outcome: "skipped",
      status: "sent",
    });
  });

  it("sends a message whose enqueue failed once the sweep finds it", async () => {
    const user = await createUser("sweep");
    const { actor, workspaceId } = await actorOf(user);
    const lead = await createLead(user);
    const { message } = await sendMessage(
      testDb(),
      actor,
      { leadId: lead.id, channel: "sandbox", body: "Lost job", idempotencyKey: crypto.randomUUID() },
      queueDown,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect((await messageRow(message.id)).status).toBe("queued");
    expect(await sweepQueuedMessages(testDb(), env, 10)).toBeGreaterThanOrEqual(1);
    await messageReaches(message.id, "sent");
    expect(await sandboxProvider(workspaceId).deliveries()).toBe(1);
  });

  it("the Worker's cron trigger enqueues a message whose enqueue was lost", async () => {
    const user = await createUser("cron");
    const { actor } = await actorOf(user);
    const lead = await createLead(user);
    const { message } = await sendMessage(
      testDb(),
      actor,
      { leadId: lead.id, channel: "sandbox", body: "Found by cron", idempotencyKey: crypto.randomUUID() },
      queueDown,
    );
    await testDb().execute(
      sql`update messages set queued_at = now() - interval '10 minutes', updated_at = now() - interval '10 minutes' where id = ${message.id}`,
    );
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    await messageReaches(message.id, "sent");
  });

  it("hands a large backlog to the queue in batches of at most 100 (the Queues limit)", async () => {
    const user = await createUser("backlog");
    const { actor } = await actorOf(user);
    const lead = await createLead(user);
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) {
      const { message } = await sendMessage(
        testDb(),
        actor,
        { leadId: lead.id, channel: "sandbox", body: `Backlog ${i}`, idempotencyKey: crypto.randomUUID() },
        queueDown,
      );
      ids.push(message.id);
    }
    await testDb().execute(
      sql`update messages set queued_at = now() - interval '10 minutes', updated_at = now() - interval '10 minutes' where lead_id = ${lead.id}`,
    );
    const batches: { body: { payload: { messageId: string } } }[][] = [];
    const recording = {
      ...env,
      OUTBOUND_QUEUE: { sendBatch: async (b: (typeof batches)[number]) => void batches.push(b) },
    } as unknown as Env;
    await sweepQueuedMessages(testDb(), recording, 60_000);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(100);
    const enqueued = new Set(batches.flat().map((m) => m.body.payload.messageId));
    expect(ids.every((id) => enqueued.has(id))).toBe(true);
  });

  it("retries a retryable provider error and then sends", async () => {
    const user = await createUser("flaky");
    const lead = await createLead(user);
    const res = await send(user, { leadId: lead.id, channel: "sandbox", body: "Hello #flaky" });
    const row = await messageReaches(res.body.message.id, "sent", 15_000);
    expect(row.attempts).toBe(2);
  });

  it("ends a permanent provider failure failed with its code, and Retry sends a new attempt", async () => {
    const user = await createUser("fail");
    const lead = await createLead(user);
    const res = await send(user, { leadId: lead.id, channel: "sandbox", body: "Hello #fail" });
    const row = await messageReaches(res.body.message.id, "failed");
    expect(row.error_code).toBe("recipient_unavailable");
    const retry = await call(`/api/messages/${res.body.message.id}/retry`, { method: "POST", headers: user.headers });
    expect(retry.status).toBe(202);
    expect(retry.body.message).toMatchObject({ status: "queued", channel: "sandbox" });
    // Only a failed message can be retried. (The retried "#fail" may already have failed again by now, so the
    // refusal is checked on a message that does not fail.)
    const ok = await send(user, { leadId: lead.id, channel: "sandbox", body: "Hello" });
    const notFailed = await call(`/api/messages/${ok.body.message.id}/retry`, {
      method: "POST",
      headers: user.headers,
    });
    expect(notFailed.status).toBe(409);
  });
});

describe("the lead room", () => {
  it("fans message_sent out to another member and accepts send_message over the socket", async () => {
    const owner = await createUser("room-owner");
    const mate = await teammate(owner);
    const workspaceId = await workspaceOf(owner);
    const lead = await createLead(owner);
    const room = roomName(workspaceId, lead.id);
    const watcher = await connect(room, mate.headers, "", "lead-room");
    const sender = await connect(room, owner.headers, "", "lead-room");
    sender.ws.send(JSON.stringify({ type: "subscribe", channel: "messages", leadId: lead.id }));
    const clientMessageId = crypto.randomUUID();
    sender.ws.send(
      JSON.stringify({ type: "send_message", content: "Over the socket", recipient: "sandbox", clientMessageId }),
    );
    const ack = await eventually("send_ack", () => sender.messages.find((m) => m.type === "send_ack"));
    expect(ack).toMatchObject({ clientMessageId, status: "queued" });
    expect(sender.messages.find((m) => m.type === "subscribed")).toMatchObject({ leadId: lead.id });
    const statuses = await eventually("queued and sent on the teammate's socket", () => {
      const seen = watcher.messages.filter((m) => m.type === "message_sent" && m.messageId === ack.messageId);
      return seen.some((m) => m.status === "sent") ? seen.map((m) => m.status) : undefined;
    });
    expect(statuses).toEqual(["queued", "sent"]);
    watcher.ws.close();
    sender.ws.close();
  });

  it("answers a bad frame with an error and keeps the socket open", async () => {
    const owner = await createUser("room-bad");
    const lead = await createLead(owner);
    const socket = await connect(roomName(await workspaceOf(owner), lead.id), owner.headers, "", "lead-room");
    socket.ws.send("not json");
    const error = await eventually("error frame", () => socket.messages.find((m) => m.type === "error"));
    expect(error).toMatchObject({ error: { code: "BAD_REQUEST" } });
    socket.ws.close();
  });
});
