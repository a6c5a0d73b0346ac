// LinkedIn through the session-host (decision 020), end to end except the last hop: the API connects a LinkedIn
// account with a cookie, the REAL session-host process (scripts/test.ts) checks it with the Voyager fake
// (test/fakes/linkedin-voyager-fake.ts) and sends there; the events it writes to its outbox cannot reach this
// workerd, so the test relays them — the host's own events, signed with the host's code, as its outbox does.
import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { HostEvent } from "../../session-host/src/protocol/api";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { createLead, joinWorkspace, workspaceOf } from "../support/factories";
import { eventually } from "../support/eventually";
import { messagesOfLead, processed, testDb } from "../support/messaging-db";
import { messageReaches, messageRow, send, setMessagingSettings } from "../support/messaging";
import { postHostEvents } from "../support/session-host-events";
import { fallbackOf } from "../support/x-channel";

const PROVIDER = "session-host";
const fakeUrl = (env as Env & { FAKE_LINKEDIN_URL: string }).FAKE_LINKEDIN_URL;
const liAt = (tag = "") => `AQEDAR${tag}${crypto.randomUUID().replaceAll("-", "")}`;

interface Account {
  id: string;
  status: string;
  providerStatus: string;
  reason: string | null;
  limits: Record<string, unknown>;
}

async function connect(owner: TestUser, cookie: string): Promise<Account> {
  const res = await postJson(
    "/api/channels/linkedin",
    { name: "Ana's LinkedIn", cookie: { liAt: cookie } },
    owner.headers,
  );
  expect(res.status).toBe(201);
  return res.body.account as Account;
}

async function sessionOf(accountId: string): Promise<string> {
  const [row] = await testDb().execute(sql`select external_id from channel_accounts where id = ${accountId}`);
  return row!.external_id as string;
}

/** The account as the channels page lists it (the host's live view), once `check` holds. */
function listed(owner: TestUser, id: string, check: (a: Account) => boolean) {
  return eventually(`account ${id}`, async () => {
    const channels = (await call("/api/channels", { headers: owner.headers })).body.channels as Account[];
    const account = channels.find((a) => a.id === id);
    return account && check(account) ? account : undefined;
  });
}

/** Every event the host's outbox holds for the session that `pick` wants, posted to the Worker's hook. */
async function relay(sessionId: string, pick: (e: HostEvent) => boolean): Promise<HostEvent[]> {
  const events = await eventually(`host events of ${sessionId}`, async () => {
    const rows = await testDb().execute(
      sql`select delivery_id, event from session_host.outbox where session_id = ${sessionId} order by id`,
    );
    const all = rows.map((r) => ({ ...(r.event as object), eventId: r.delivery_id }) as HostEvent);
    const wanted = all.filter(pick);
    return wanted.length > 0 ? wanted : undefined;
  });
  const res = await postHostEvents(events);
  expect(res.status).toBe(200);
  await processed(
    events.map((e) => e.eventId),
    PROVIDER,
  );
  return events;
}

async function connected(owner: TestUser, cookie = liAt()) {
  const account = await connect(owner, cookie);
  const sessionId = await sessionOf(account.id);
  await relay(sessionId, (e) => e.kind === "session" && e.status === "open");
  await listed(owner, account.id, (a) => a.status === "connected");
  return { account, sessionId, cookie, ws: await workspaceOf(owner) };
}

const sentToFake = async () =>
  ((await (await fetch(`${fakeUrl}/__control/sent`)).json()) as { sent: { to: string; text: string }[] }).sent;

describe("LinkedIn accounts through the session host", () => {
  it("connects with the rep's cookie: checked with LinkedIn, sealed, never shown; LinkedIn's own limits; admins only", async () => {
    const owner = await createUser("li-connect");
    const member = await createUser("li-connect-member");
    const team = await joinWorkspace(owner, member, "member");
    const asMember = await postJson(
      "/api/channels/linkedin",
      { name: "Mine", cookie: { liAt: liAt() } },
      team.as(member),
    );
    expect(asMember.status).toBe(403);
    const cookie = liAt();
    const account = await connect(owner, cookie);
    expect(account).toMatchObject({ status: "pending", providerStatus: expect.any(String) });
    expect(account.limits).toMatchObject({ dailyCap: 80, gapMinMs: 45_000, gapMaxMs: 120_000, perMinute: 1 });
    const open = await listed(owner, account.id, (a) => a.providerStatus === "open");
    expect(open.status).toBe("connected");
    expect(JSON.stringify(open)).not.toContain(cookie);
    const sealed = await testDb().execute(
      sql`select ciphertext from session_host.auth_keys where session_id = ${await sessionOf(account.id)}`,
    );
    expect(sealed.length).toBeGreaterThan(0);
    expect(JSON.stringify(sealed)).not.toContain(cookie.slice(6));
    // Changing one limit keeps LinkedIn's for the rest (not WhatsApp's 200 a day); a cap over 150 is refused.
    const limits = (patch: object) =>
      call(`/api/channels/${account.id}/limits`, {
        method: "PATCH",
        headers: { ...owner.headers, "content-type": "application/json" },
        body: JSON.stringify(patch),
      });
    const changed = await limits({ quietEndHour: 9 });
    expect(changed.status).toBe(200);
    expect(changed.body.account.limits).toMatchObject({ dailyCap: 80, gapMinMs: 45_000, quietEndHour: 9 });
    const [stored] = await testDb().execute(
      sql`select pacing_settings from session_host.sessions where id = ${await sessionOf(account.id)}`,
    );
    expect(stored?.pacing_settings).toEqual({ quietEndHour: 9 });
    expect((await limits({ dailyCap: 151 })).status).toBe(422);
    // A bad cookie is the host's 400 as ours, naming the field.
    const bad = await postJson(
      "/api/channels/linkedin",
      { name: "X", cookie: { liAt: "not a cookie!!" } },
      owner.headers,
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error.details)).toContain("cookie.liAt");
  });

  it("a checkpoint is shown with what to do, and the account does not send; a fresh cookie connects it", async () => {
    const owner = await createUser("li-checkpoint");
    const account = await connect(owner, liAt("checkpoint"));
    const sessionId = await sessionOf(account.id);
    await relay(sessionId, (e) => e.kind === "session" && e.status === "checkpoint");
    const shown = await listed(owner, account.id, (a) => a.providerStatus === "checkpoint");
    expect(shown.status).toBe("disconnected");
    expect(shown.reason).toMatch(/security check/);
    const lead = await createLead(owner, { linkedinUrl: "https://www.linkedin.com/in/conn-eve-early" });
    const held = await send(owner, { leadId: lead.id, channel: "linkedin", body: "Hi", sendNow: true });
    expect(held.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(held.body)).toMatch(/No LinkedIn account is connected/);
    const renewed = await postJson(
      `/api/channels/${account.id}/linkedin-cookie`,
      { cookie: { liAt: liAt() } },
      owner.headers,
    );
    expect(renewed.status).toBe(200);
    await listed(owner, account.id, (a) => a.providerStatus === "open");
  });

  it("a message to a connection: accepted by the host, sent to LinkedIn, then sent; their answer is matched by profile URL", async () => {
    const owner = await createUser("li-send");
    const { sessionId, ws, cookie } = await connected(owner);
    const lead = await createLead(owner, { linkedinUrl: "https://de.linkedin.com/in/Conn-Ada-Lovelace/?trk=x" });
    const res = await send(owner, {
      leadId: lead.id,
      channel: "linkedin",
      body: "Hi Ada, quick question",
      sendNow: true,
    });
    expect(res.status).toBe(202);
    const id = res.body.message.id as string;
    const accepted = await eventually(
      `message ${id} accepted`,
      async () => (await messageRow(id)).provider_message_id ?? undefined,
    );
    await eventually("the message reached LinkedIn", async () =>
      (await sentToFake()).some((m) => m.text === "Hi Ada, quick question"),
    );
    expect(await sentToFake()).toContainEqual(
      expect.objectContaining({ to: "conn-ada-lovelace", text: "Hi Ada, quick question" }),
    );
    await relay(sessionId, (e) => e.kind === "status" && e.providerMessageId === accepted);
    await messageReaches(id, "sent");

    // Ada answers on LinkedIn: the host polls it, and it lands on her lead by her profile URL.
    await fetch(`${fakeUrl}/__control/inbound`, {
      method: "POST",
      body: JSON.stringify({ liAt: cookie, from: "conn-ada-lovelace", text: "Sure, ask away" }),
    });
    await relay(sessionId, (e) => e.kind === "message");
    const thread = await messagesOfLead(ws, lead.id);
    expect(thread.map((m) => [m.direction, m.status, m.body])).toEqual([
      ["outbound", "sent", "Hi Ada, quick question"],
      ["inbound", "received", "Sure, ask away"],
    ]);
  });

  it("not a connection: failed with LinkedIn's reason, then the next channel takes it", async () => {
    const owner = await createUser("li-refused");
    const { sessionId, ws } = await connected(owner);
    await setMessagingSettings(ws, { fallbackOrder: ["linkedin", "sandbox"] });
    const lead = await createLead(owner, { linkedinUrl: "https://www.linkedin.com/in/far-bob-stone" });
    const res = await send(owner, { leadId: lead.id, channel: "linkedin", body: "Hello Bob", sendNow: true });
    const id = res.body.message.id as string;
    const accepted = await eventually(
      `message ${id} accepted`,
      async () => (await messageRow(id)).provider_message_id ?? undefined,
    );
    await relay(sessionId, (e) => e.kind === "status" && e.providerMessageId === accepted);
    const failed = await messageReaches(id, "failed");
    expect(failed.error_code).toBe("not_connected");
    const [why] = await testDb().execute(sql`select error_message from messages where id = ${id}`);
    expect(why!.error_message).toMatch(/1st-degree LinkedIn connection/);
    const fallback = await fallbackOf(id);
    expect(fallback.channel).toBe("sandbox");
    await messageReaches(fallback.id, "sent");
    expect((await sentToFake()).some((m) => m.text === "Hello Bob")).toBe(false);
  });

  it("a lead without a LinkedIn profile is refused with the reason before anything is sent", async () => {
    const owner = await createUser("li-policy");
    await connected(owner);
    const lead = await createLead(owner, { linkedinUrl: "https://www.linkedin.com/company/acme" });
    const res = await send(owner, { leadId: lead.id, channel: "linkedin", body: "Hi", sendNow: true });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(res.body)).toMatch(/no LinkedIn contact/);
  });
});
