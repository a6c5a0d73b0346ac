// POST /api/hooks/session-host (decision 017): the host's HMAC signature over timestamp, nonce, method, path and
// raw body; nonces accepted once across isolates; its events reach the lead's WhatsApp conversation, move an
// accepted message forward, and move the channel account. No session-host runs in this suite: the events are
// signed here with the host's own signing code, and WhatsApp calls that need the host answer 503.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signRequest } from "../../session-host/src/protocol/signature";
import { upsertConversation } from "../../workers/repos/conversations.repo";
import { insertMessage } from "../../workers/repos/messages.repo";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import { createLead, joinWorkspace, workspaceOf } from "../support/factories";
import { ledgerRows, messagesOfLead, processed, testDb } from "../support/messaging-db";
import { messageReaches } from "../support/messaging";
import {
  HOOK_PATH,
  hostMessage,
  hostSession,
  hostStatus,
  postHostEvents,
  postHostHook,
  seedWhatsappAccount,
} from "../support/session-host-events";
import { TEST_SESSION_HOST_SECRET } from "../support/test-env";

const PROVIDER = "session-host";

async function setup(label: string) {
  const user = await createUser(label);
  const account = await seedWhatsappAccount(user);
  return { user, account, ws: await workspaceOf(user) };
}

const channels = async (user: { headers: Record<string, string> }) =>
  (await call("/api/channels", { headers: user.headers })).body.channels as Record<string, unknown>[];

describe("POST /api/hooks/session-host", () => {
  it("files a WhatsApp message under the lead with that number, in their WhatsApp conversation", async () => {
    const { user, account, ws } = await setup("sh-inbound");
    const lead = await createLead(user, { phone: "+49 151 23456789" });
    const event = hostMessage(account.externalId, { phone: "4915123456789", handle: "4915123456789" }, "Hallo!");
    const res = await postHostEvents([event]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
    await processed([event.eventId], PROVIDER);

    const [message] = await messagesOfLead(ws, lead.id);
    expect(message).toMatchObject({ direction: "inbound", channel: "whatsapp", body: "Hallo!", status: "received" });
    const inbox = (await call("/api/conversations?channel=whatsapp", { headers: user.headers })).body;
    expect(inbox.conversations.map((c: { leadId: string }) => c.leadId)).toEqual([lead.id]);
    // The same delivery again (the host's outbox retrying) is acknowledged and dropped.
    expect((await postHostEvents([event])).body).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
  });

  it("moves a message the host accepted (queued, with its id) to sent, then read", async () => {
    const { user, account, ws } = await setup("sh-status");
    const lead = await createLead(user, { phone: "+34 612 345 678" });
    const providerMessageId = `3EB0${crypto.randomUUID().slice(0, 8)}`;
    const conversation = await upsertConversation(testDb(), {
      workspaceId: ws,
      leadId: lead.id,
      channel: "whatsapp",
      accountId: account.id,
    });
    const queued = (await insertMessage(testDb(), {
      workspaceId: ws,
      conversationId: conversation.id,
      leadId: lead.id,
      channel: "whatsapp",
      accountId: account.id,
      direction: "outbound",
      body: "Hola",
      status: "queued",
      origin: "manual",
      providerMessageId,
      queuedAt: new Date(),
    }))!;
    const sent = hostStatus(account.externalId, providerMessageId, "sent");
    await postHostEvents([sent]);
    await processed([sent.eventId], PROVIDER);
    await messageReaches(queued.id, "sent");
    const read = hostStatus(account.externalId, providerMessageId, "read");
    await postHostEvents([read]);
    await processed([read.eventId], PROVIDER);
    expect((await messageReaches(queued.id, "read")).provider_message_id).toBe(providerMessageId);
  });

  it("moves the account with the session: QR → pending, open → connected with its number, logged out → disconnected", async () => {
    const { user, account, ws } = await setup("sh-session");
    const qr = hostSession(account.externalId, ws, "qr");
    await postHostEvents([qr]);
    await processed([qr.eventId], PROVIDER);
    expect((await channels(user))[0]).toMatchObject({ status: "pending", providerStatus: "qr", hostReachable: false });

    const open = hostSession(account.externalId, ws, "open", { phone: "4915123456789" });
    await postHostEvents([open]);
    await processed([open.eventId], PROVIDER);
    expect((await channels(user))[0]).toMatchObject({ status: "connected", phone: "4915123456789" });
    // A reconnect of a paired number keeps it sending (the host holds its messages until it is back).
    const reconnecting = hostSession(account.externalId, ws, "connecting", { reason: "connection lost" });
    await postHostEvents([reconnecting]);
    await processed([reconnecting.eventId], PROVIDER);
    expect((await channels(user))[0]).toMatchObject({ status: "connected", providerStatus: "connecting" });

    // A report older than the one applied changes nothing; another workspace's claim is not applied either.
    const stale = hostSession(account.externalId, ws, "qr", { at: new Date(Date.now() - 60_000).toISOString() });
    const foreign = hostSession(account.externalId, crypto.randomUUID(), "failed");
    await postHostEvents([stale, foreign]);
    await processed([stale.eventId, foreign.eventId], PROVIDER);
    expect((await channels(user))[0]).toMatchObject({ status: "connected", providerStatus: "connecting" });

    const out = hostSession(account.externalId, ws, "logged_out", { reason: "Logged out from the phone" });
    await postHostEvents([out]);
    await processed([out.eventId], PROVIDER);
    expect((await channels(user))[0]).toMatchObject({
      status: "disconnected",
      reason: "Logged out from the phone",
      phone: "4915123456789",
    });
    const live = await testDb().execute(
      sql`select type from live_events where workspace_id = ${ws} and topic = 'channels' order by seq`,
    );
    expect(live.map((r) => r.type)).toContain("channel.updated");
  });

  it("refuses tampered, wrongly signed, stale and replayed requests with 401 and stores nothing", async () => {
    const { account, ws } = await setup("sh-sig");
    const event = hostSession(account.externalId, ws, "open", { phone: "4915123456789" });
    const raw = JSON.stringify({ events: [event] });
    const sign = (opts: { secret?: string; now?: number; path?: string } = {}) =>
      signRequest(
        opts.secret ?? TEST_SESSION_HOST_SECRET,
        { method: "POST", path: opts.path ?? HOOK_PATH, body: raw },
        { now: opts.now },
      );
    const good = await sign();
    const refused = [
      await postHostHook(raw.replace("4915123456789", "4915100000000"), good),
      await postHostHook(raw, {}),
      await postHostHook(raw, await sign({ secret: "another-secret-".padEnd(40, "y") })),
      await postHostHook(raw, await sign({ now: Date.now() - 6 * 60_000 })),
      await postHostHook(raw, await sign({ path: "/api/hooks/sandbox" })),
    ];
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
    expect(await ledgerRows([event.eventId], PROVIDER)).toEqual([]);

    expect((await postHostHook(raw, good)).status).toBe(200);
    // The same signed request again: its nonce was used (even a new event id would not get through).
    const replay = await postHostHook(raw, good);
    expect(replay.status).toBe(401);
  });

  it("answers a signed body it cannot read with 422", async () => {
    const res = await postHostHook(JSON.stringify({ events: [{ kind: "message", sessionId: "nope" }] }));
    expect(res.status).toBe(422);
  });
});

describe("WhatsApp accounts while the session host is unreachable", () => {
  it("connecting answers 503 with Retry-After; members may not connect; the list still shows stored state", async () => {
    const owner = await createUser("sh-down");
    const member = await createUser("sh-down-member");
    const team = await joinWorkspace(owner, member, "member");
    const res = await postJson("/api/channels/whatsapp", { name: "Sales phone" }, owner.headers);
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { service: "session-host" } });
    expect(res.headers.get("retry-after")).toBeTruthy();
    expect((await postJson("/api/channels/whatsapp", { name: "Mine" }, team.as(member))).status).toBe(403);

    await seedWhatsappAccount(owner);
    const list = await channels(owner);
    expect(list).toEqual([
      expect.objectContaining({
        channel: "whatsapp",
        status: "pending",
        hostReachable: false,
        limits: expect.any(Object),
      }),
    ]);
    const id = list[0]!.id as string;
    expect((await call(`/api/channels/${id}/qr`, { headers: owner.headers })).status).toBe(503);
    expect((await call(`/api/channels/${id}/pause`, { method: "POST", headers: team.as(member) })).status).toBe(503);
    expect((await call(`/api/channels/${crypto.randomUUID()}/qr`, { headers: owner.headers })).status).toBe(404);
  });
});
