// Inbound messages (decision 016): who wrote (identity in normal form, or a new lead), the one thread per
// lead and channel, the card that moves on a first reply, and opt-out words in six languages.
import { env } from "cloudflare:test";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversations, messagingSettings, suppressions } from "../../workers/db/schema";
import { createLogger } from "../../workers/lib/logger";
import { processInboundEvent } from "../../workers/messaging/inbound.service";
import type { SystemMessageRequest } from "../../workers/messaging/opt-out-confirmation";
import { suppressionIdentities } from "../../workers/messaging/suppressions.service";
import type { InboundEventPayload } from "../../workers/messaging/webhook-ingest";
import { findSuppression } from "../../workers/repos/suppressions.repo";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import {
  addCard,
  board,
  createChannelAccount,
  createLead,
  createPipeline,
  patchCard,
  workspaceOf,
} from "../support/factories";
import { eventually } from "../support/eventually";
import { messagesByProviderId, messagesOfLead, processed, testDb } from "../support/messaging-db";
import { inboundMessage, sendEvents } from "../support/sandbox-webhooks";

type Account = Awaited<ReturnType<typeof createChannelAccount>>;

async function setup(label: string) {
  const user = await createUser(label);
  const account = await createChannelAccount(user);
  return { user, account, ws: await workspaceOf(user) };
}

/** Sends one message through the signed webhook and the queue; returns the stored message. */
async function receive(
  account: Account,
  from: { handle: string; name?: string; phone?: string; email?: string },
  body: string,
) {
  const event = inboundMessage(account, from, body);
  expect((await sendEvents([event])).body).toMatchObject({ accepted: 1 });
  await processed([event.eventId]);
  const [message] = await messagesByProviderId(account.workspaceId, event.providerMessageId);
  return message!;
}

const handle = () => `sbx-${crypto.randomUUID().slice(0, 12)}`;
const berlinPhone = () => `+49 30 ${1_000_000 + Math.floor(Math.random() * 8_999_999)}`;
const getLead = async (user: TestUser, id: string) =>
  (await call(`/api/leads/${id}`, { headers: user.headers })).body.lead;

describe("finding who wrote", () => {
  it("matches a lead by phone written in another format, and learns the handle", async () => {
    const { user, account } = await setup("in-phone");
    const lead = await createLead(user, { phone: "+49 30 1234567" });
    const sender = handle();
    const message = await receive(account, { handle: sender, phone: "+49 (30) 1234-567" }, "Hi, it's me");
    expect(message.leadId).toBe(lead.id);
    const updated = await getLead(user, lead.id);
    expect(updated.contactChannels).toContainEqual({ channel: "sandbox", handle: sender, source: "sandbox" });
    expect(updated.tags).not.toContain("inbound");
  });

  it("matches a lead by e-mail whatever its case", async () => {
    const { user, account } = await setup("in-email");
    const lead = await createLead(user, { email: "ada.lovelace@example.com" });
    const message = await receive(account, { handle: handle(), email: "Ada.Lovelace@Example.COM" }, "Hello");
    expect(message.leadId).toBe(lead.id);
  });

  it("matches the sender's handle and reuses the lead's one conversation", async () => {
    const { user, account, ws } = await setup("in-handle");
    const sender = handle();
    const first = await receive(account, { handle: sender, name: "Hana Handle" }, "First");
    const second = await receive(account, { handle: sender.toUpperCase(), name: "Someone Else" }, "Second");
    expect(second.leadId).toBe(first.leadId);
    expect(second.conversationId).toBe(first.conversationId);
    const threads = await testDb()
      .select({ unread: conversations.unreadCount, preview: conversations.lastMessagePreview })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, ws), eq(conversations.leadId, first.leadId)));
    expect(threads).toEqual([{ unread: 2, preview: "Second" }]);
    expect((await getLead(user, first.leadId)).fullName).toBe("Hana Handle");
  });

  it("creates a lead tagged inbound for an unknown sender, with what the provider told about them", async () => {
    const { user, account } = await setup("in-new");
    const sender = handle();
    const message = await receive(
      account,
      { handle: sender, name: "Nora New", email: "Nora@New.example", phone: "+34 612 345 678" },
      "Who are you?",
    );
    expect(await getLead(user, message.leadId)).toMatchObject({
      fullName: "Nora New",
      email: "nora@new.example",
      phone: "+34612345678",
      tags: ["inbound"],
      sources: ["sandbox"],
      mainChannel: "sandbox",
      contactChannels: [{ channel: "sandbox", handle: sender, source: "sandbox" }],
    });
  });
});

describe("the Sandbox round trip", () => {
  it("files the simulated recipient's receipts and reply under the lead it was sent to", async () => {
    const user = await createUser("in-roundtrip");
    const ws = await workspaceOf(user);
    const lead = await createLead(user);
    const pipeline = await createPipeline(user, "Outbound");
    const card = await addCard(user, pipeline.id, lead.id, "Contacted");
    const sent = await postJson(
      "/api/messages/send",
      { leadId: lead.id, channel: "sandbox", body: "Shall we talk next week?", idempotencyKey: crypto.randomUUID() },
      user.headers,
    );
    expect(sent.status).toBe(202);
    const reply = await eventually(
      "the Sandbox's reply",
      async () => (await messagesOfLead(ws, lead.id)).find((m) => m.direction === "inbound"),
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(reply).toMatchObject({ status: "received", conversationId: sent.body.message.conversationId });
    const outbound = (await messagesOfLead(ws, lead.id)).find((m) => m.id === sent.body.message.id);
    expect(outbound?.status).toBe("read");
    const moved = (await board(user, pipeline.id)).stages.find((s) => s.stage === "In Conversation")!.cards;
    expect(moved.map((c) => c.id)).toEqual([card.id]);
  }, 30_000);
});

describe("the card on a first reply", () => {
  it("moves to In Conversation on the first reply only, with a card event and live updates", async () => {
    const { user, account, ws } = await setup("in-card");
    const lead = await createLead(user, { email: `card-${crypto.randomUUID()}@example.com` });
    const pipeline = await createPipeline(user, "Outbound");
    const card = await addCard(user, pipeline.id, lead.id, "Contacted");

    await receive(account, { handle: handle(), email: lead.email as string }, "Interested!");
    const moved = (await board(user, pipeline.id)).stages.find((s) => s.stage === "In Conversation")!.cards;
    expect(moved.map((c) => c.id)).toEqual([card.id]);
    const events = (await call(`/api/pipeline-cards/${card.id}/events`, { headers: user.headers })).body.events;
    expect(events.at(-1)).toMatchObject({
      type: "moved",
      fromStage: "Contacted",
      toStage: "In Conversation",
      actor: { id: null },
    });
    const live = await testDb().execute<{ topic: string; type: string; payload: Record<string, unknown> }>(
      sql`select topic, type, payload from live_events where workspace_id = ${ws} order by topic, seq`,
    );
    expect(live.filter((e) => e.topic === `board-${pipeline.id}`).at(-1)).toMatchObject({
      type: "card.upserted",
      payload: { card: { id: card.id, stage: "In Conversation" } },
    });
    expect(live.filter((e) => e.topic === `lead-${lead.id}`).map((e) => e.type)).toEqual(
      expect.arrayContaining(["message_received", "lead_updated"]),
    );
    expect(live.find((e) => e.type === "lead_updated" && e.topic === `lead-${lead.id}`)?.payload).toMatchObject({
      leadId: lead.id,
      changes: { stage: "In Conversation", pipelineId: pipeline.id },
    });
    expect(live.some((e) => e.topic === "inbox" && e.type === "conversation.upserted")).toBe(true);

    // Put back by hand: the next message is not a first reply and leaves the card where the rep put it.
    expect((await patchCard(user, card.id, { stage: "Contacted" })).status).toBe(200);
    await receive(account, { handle: handle(), email: lead.email as string }, "Any news?");
    const contacted = (await board(user, pipeline.id)).stages.find((s) => s.stage === "Contacted")!.cards;
    expect(contacted.map((c) => c.id)).toEqual([card.id]);
  });

  it("stays put when the workspace turned move-on-reply off", async () => {
    const { user, account, ws } = await setup("in-nomove");
    await testDb().insert(messagingSettings).values({ workspaceId: ws, moveOnReply: false });
    const lead = await createLead(user, { email: `stay-${crypto.randomUUID()}@example.com` });
    const pipeline = await createPipeline(user, "Outbound");
    const card = await addCard(user, pipeline.id, lead.id, "To Contact");
    await receive(account, { handle: handle(), email: lead.email as string }, "Hi");
    const column = (await board(user, pipeline.id)).stages.find((s) => s.stage === "To Contact")!.cards;
    expect(column.map((c) => c.id)).toEqual([card.id]);
  });
});

describe("opt-out words", () => {
  const log = createLogger({}, "error");

  /** Runs the consumer directly, with a fake system-message queue standing in for the send path. */
  async function consume(account: Account, from: { handle: string; phone?: string; email?: string }, body: string) {
    const sent: SystemMessageRequest[] = [];
    const job: InboundEventPayload = {
      provider: "sandbox",
      workspaceId: account.workspaceId,
      channel: "sandbox",
      accountId: account.id,
      event: inboundMessage(account, from, body),
    };
    const result = await processInboundEvent(testDb(), env, log, job, {
      deps: { queueSystemMessage: async (_db, message) => void sent.push(message) },
    });
    return { result: result as { leadId: string; messageId: string }, sent };
  }

  const suppressionsOf = (ws: string, leadId: string) =>
    testDb()
      .select({
        kind: suppressions.identityKind,
        value: suppressions.identityValue,
        channel: suppressions.channel,
        source: suppressions.source,
      })
      .from(suppressions)
      .where(and(eq(suppressions.workspaceId, ws), eq(suppressions.leadId, leadId)));

  it.each([
    ["STOP", "en", "You're unsubscribed"],
    ["Quiero darme de baja", "es", "Te has dado de baja"],
    ["Abmelden", "de", "Sie sind abgemeldet"],
    ["Arrêtez de m'écrire !", "fr", "Vous êtes désabonné"],
    ["Sair", "pt", "Você foi descadastrado"],
    ["Disiscrivi", "it", "Sei stato disiscritto"],
  ])("%j suppresses the person on every channel and confirms in %s", async (text, _language, confirmation) => {
    const { account, ws } = await setup("in-stop");
    const from = { handle: handle(), phone: berlinPhone(), email: `stop-${crypto.randomUUID()}@example.com` };
    const { result, sent } = await consume(account, from, text);
    const rows = await suppressionsOf(ws, result.leadId);
    expect(rows.map((r) => r.kind).sort()).toEqual(["email", "handle", "lead", "phone"]);
    expect(rows.every((r) => r.channel === null && r.source === "keyword")).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ leadId: result.leadId, channel: "sandbox" });
    expect(sent[0]!.body).toContain(confirmation);

    // The send path's check finds it on any channel, through any identity of the person.
    const lead = { id: result.leadId, email: from.email, phone: from.phone, contactChannels: [] };
    for (const channel of ["whatsapp", "sandbox", "instagram"] as const)
      expect(await findSuppression(testDb(), ws, suppressionIdentities(lead, channel), channel)).toBeDefined();
    const byPhoneOnly = { id: crypto.randomUUID(), email: null, phone: from.phone, contactChannels: [] };
    expect(
      await findSuppression(testDb(), ws, suppressionIdentities(byPhoneOnly, "whatsapp"), "whatsapp"),
    ).toBeDefined();
  });

  it("confirms once, however often the person opts out", async () => {
    const { account } = await setup("in-stop-twice");
    const from = { handle: handle() };
    const first = await consume(account, from, "STOP");
    const again = await consume(account, from, "stop please");
    const third = await consume(account, from, "Unsubscribe");
    expect(first.sent).toHaveLength(1);
    expect([...again.sent, ...third.sent]).toEqual([]);
    expect(again.result.leadId).toBe(first.result.leadId);
  });

  it("suppresses through the real webhook and queue, and the send path confirms once", async () => {
    const { account, ws } = await setup("in-stop-queue");
    const sender = handle();
    const message = await receive(account, { handle: sender }, "STOPP");
    expect((await suppressionsOf(ws, message.leadId)).map((r) => r.kind).sort()).toEqual(["handle", "lead"]);
    await receive(account, { handle: sender }, "stopp!");
    const confirmations = await eventually("the confirmation sent", async () => {
      const rows = (await messagesOfLead(ws, message.leadId)).filter((m) => m.origin === "system");
      return rows.length > 0 && rows.every((m) => m.status !== "queued") && rows;
    });
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]).toMatchObject({ direction: "outbound", channel: "sandbox", status: expect.any(String) });
    expect(confirmations[0]!.body).toContain("Sie sind abgemeldet");
    expect(confirmations[0]!.status).not.toBe("failed");
  });

  it.each(["Please stop by our booth tomorrow", "Don't stop, this is great", "Can't stop thinking about it"])(
    "%j does not suppress",
    async (text) => {
      const { account, ws } = await setup("in-nostop");
      const { result, sent } = await consume(account, { handle: handle() }, text);
      expect(await suppressionsOf(ws, result.leadId)).toEqual([]);
      expect(sent).toEqual([]);
    },
  );
});
