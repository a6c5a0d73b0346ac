// The Worker's WhatsApp side against a REAL session-host process (scripts/test.ts starts `bun
// session-host/src/main.ts` on this run's database): the channel API creates and drives host sessions, a send is
// accepted by the host and stays queued until the host's status events move it. The host cannot pair here (no
// WhatsApp answers it: the loopback stand-in is not merged yet), so its sessions stay unpaired and the events a
// paired session would post are signed here with the host's own code, as its outbox does.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { createLead, joinWorkspace, workspaceOf } from "../support/factories";
import { eventually } from "../support/eventually";
import { messagesOfLead, processed, testDb } from "../support/messaging-db";
import { messageReaches, messageRow, send } from "../support/messaging";
import { hostMessage, hostSession, hostStatus, postHostEvents } from "../support/session-host-events";

const PROVIDER = "session-host";

async function connect(owner: TestUser, name = "Sales phone") {
  const res = await postJson("/api/channels/whatsapp", { name }, owner.headers);
  expect(res.status).toBe(201);
  return res.body.account as { id: string; status: string; providerStatus: string; limits: Record<string, unknown> };
}

async function externalIdOf(accountId: string): Promise<string> {
  const [row] = await testDb().execute(sql`select external_id from channel_accounts where id = ${accountId}`);
  return row!.external_id as string;
}

const hostSessions = (ws: string) =>
  testDb().execute(sql`select id, name, status, pacing_settings from session_host.sessions where workspace_id = ${ws}`);

describe("WhatsApp accounts through the session host", () => {
  it("an admin connects a number: a pending account backed by a host session, limits shown and changed", async () => {
    const owner = await createUser("wa-connect");
    const member = await createUser("wa-connect-member");
    const team = await joinWorkspace(owner, member, "member");
    const account = await connect(owner);
    expect(account).toMatchObject({ status: "pending", provider: "session-host", hostReachable: true });
    expect(account.limits).toMatchObject({ perMinute: 5, dailyCap: 200, quietStartHour: 21 });
    const sessionId = await externalIdOf(account.id);
    expect((await hostSessions(team.ws)).map((s) => [s.id, s.name])).toEqual([[sessionId, "Sales phone"]]);

    const list = (await call("/api/channels", { headers: team.as(member) })).body.channels;
    expect(list).toEqual([expect.objectContaining({ id: account.id, hostReachable: true, status: "pending" })]);
    // No QR yet (no WhatsApp answers this host): an answer saying so, which the page keeps polling, not an error.
    const qr = await call(`/api/channels/${account.id}/qr`, { headers: owner.headers });
    expect(qr.status).toBe(200);
    expect(qr.body).toMatchObject({ qr: null, at: null, status: expect.stringMatching(/^(starting|connecting)$/) });
    const code = await postJson(
      `/api/channels/${account.id}/pairing-code`,
      { phone: "+49 151 2345678" },
      owner.headers,
    );
    expect(code.status).toBe(409);

    // Members may stop and restart sending; only admins change limits.
    const paused = await call(`/api/channels/${account.id}/pause`, { method: "POST", headers: team.as(member) });
    expect(paused.body.account).toMatchObject({ paused: true });
    const resumed = await call(`/api/channels/${account.id}/resume`, { method: "POST", headers: team.as(member) });
    expect(resumed.body.account).toMatchObject({ paused: false });
    const limits = (patch: object, headers: Record<string, string>) =>
      call(`/api/channels/${account.id}/limits`, {
        method: "PATCH",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(patch),
      });
    expect((await limits({ dailyCap: 80 }, team.as(member))).status).toBe(403);
    expect((await limits({ dailyCap: 80 }, owner.headers)).body.account.limits).toMatchObject({ dailyCap: 80 });
    // A second change keeps the first: the host stores the keys sent over the session's own.
    const both = (await limits({ perMinute: 3 }, owner.headers)).body.account.limits;
    expect(both).toMatchObject({ dailyCap: 80, perMinute: 3 });
    expect((await limits({ perMinute: 0 }, owner.headers)).status).toBe(422);
    expect((await limits({ gapMinMs: 9000, gapMaxMs: 1000 }, owner.headers)).status).toBe(422);

    // Another workspace cannot see or touch it; removing it removes the host session too.
    const stranger = await createUser("wa-stranger");
    expect((await call(`/api/channels/${account.id}/qr`, { headers: stranger.headers })).status).toBe(404);
    expect((await call(`/api/channels/${account.id}`, { method: "DELETE", headers: owner.headers })).status).toBe(204);
    expect((await call("/api/channels", { headers: owner.headers })).body.channels).toEqual([]);
    expect(await hostSessions(team.ws)).toEqual([]);
  });

  it("a send is accepted by the host and stays queued with its WhatsApp id until the host says sent, then delivered", async () => {
    const owner = await createUser("wa-send");
    const ws = await workspaceOf(owner);
    const account = await connect(owner);
    const sessionId = await externalIdOf(account.id);
    // What the host posts once the number is paired.
    const open = hostSession(sessionId, ws, "open", { phone: "4915100000001" });
    await postHostEvents([open]);
    await processed([open.eventId], PROVIDER);
    const lead = await createLead(owner, { phone: "+34 612 345 678", timezone: "Europe/Madrid" });

    // sendNow: the Worker's own quiet hours would hold it otherwise (the host applies its own on top).
    const res = await send(owner, { leadId: lead.id, channel: "whatsapp", body: "Hola, ¿hablamos?", sendNow: true });
    expect(res.status).toBe(202);
    const id = res.body.message.id as string;
    const accepted = await eventually(`message ${id} accepted by the host`, async () => {
      const row = await messageRow(id);
      if (row.status === "failed") throw new Error(`the send failed: ${row.error_code}`);
      return row.provider_message_id ? row : undefined;
    });
    expect(accepted.status).toBe("queued");
    const [outbound] = await testDb().execute(
      sql`select recipient, wa_message_id, recipient_time_zone, content from session_host.outbound where session_id = ${sessionId}`,
    );
    expect(outbound).toMatchObject({
      recipient: "34612345678@s.whatsapp.net",
      wa_message_id: accepted.provider_message_id,
      recipient_time_zone: "Europe/Madrid",
      content: { text: "Hola, ¿hablamos?" },
    });

    const sent = hostStatus(sessionId, accepted.provider_message_id!, "sent");
    const delivered = hostStatus(sessionId, accepted.provider_message_id!, "delivered");
    await postHostEvents([sent, delivered]);
    await processed([sent.eventId, delivered.eventId], PROVIDER);
    await messageReaches(id, "delivered");

    // Their answer lands in the same WhatsApp conversation.
    const reply = hostMessage(sessionId, { phone: "34612345678", handle: "34612345678", name: "Lucía" }, "¡Claro!");
    await postHostEvents([reply]);
    await processed([reply.eventId], PROVIDER);
    const thread = await messagesOfLead(ws, lead.id);
    expect(thread.map((m) => [m.direction, m.status, m.body])).toEqual([
      ["outbound", "delivered", "Hola, ¿hablamos?"],
      ["inbound", "received", "¡Claro!"],
    ]);
    expect(new Set(thread.map((m) => m.conversationId)).size).toBe(1);

    // A message the host accepted but had not sent when the number is disconnected ends failed, with the reason.
    const second = await send(owner, { leadId: lead.id, channel: "whatsapp", body: "¿Y mañana?", sendNow: true });
    await eventually(
      "second message accepted",
      async () => (await messageRow(second.body.message.id)).provider_message_id,
    );
    expect((await call(`/api/channels/${account.id}`, { method: "DELETE", headers: owner.headers })).status).toBe(204);
    expect(await messageRow(second.body.message.id)).toMatchObject({ status: "failed", error_code: "account_removed" });
  });
});
