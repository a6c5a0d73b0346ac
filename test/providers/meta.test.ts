// Facebook Messenger and Instagram (issue 17) against the Graph fake (test/fakes/meta-graph-fake.ts): connecting
// Pages through the OAuth dialog, the Send API inside and past the 24-hour window, Meta's refusals (window closed →
// fallback, 613 → retry after its wait), and the signed webhooks (challenge, messages, echoes, receipts, replays).
import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signMetaBody } from "../../workers/messaging/channels/meta.webhook";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { joinWorkspace, workspaceOf } from "../support/factories";
import { messagesOfLead, processed, testDb } from "../support/messaging-db";
import { messageReaches, messageRow, send, setMessagingSettings } from "../support/messaging";
import { eventually } from "../support/eventually";

const PROVIDER = "meta";
const fakeEnv = env as Env & { FAKE_META_CONTROL_URL: string };
const control = (path: string, init?: RequestInit) => fetch(`${fakeEnv.FAKE_META_CONTROL_URL}${path}`, init);
const uid = () => crypto.randomUUID().slice(0, 8);

interface FakePage {
  id: string;
  name: string;
  access_token: string;
  instagram_business_account?: { id: string; username: string };
}

function fakePage(): FakePage {
  const id = `page-${uid()}`;
  return {
    id,
    name: `Acme ${id}`,
    access_token: `page-token-${id}`,
    instagram_business_account: { id: `ig-${uid()}`, username: `acme_${uid()}` },
  };
}

/** The first half: our connect URL → the fake dialog → the callback path its Continue link points at. */
async function startConnect(headers: Record<string, string>, channel: "facebook" | "instagram", pages: FakePage[]) {
  await control("/__control/next-pages", { method: "POST", body: JSON.stringify({ pages }) });
  const started = await postJson("/api/channels/meta/connect", { channel }, headers);
  expect(started.status).toBe(200);
  const dialog = await (await fetch(started.body.url)).text();
  const href = /id="continue" href="([^"]+)"/.exec(dialog)![1]!.replaceAll("&amp;", "&");
  const back = new URL(href);
  return `${back.pathname}${back.search}`;
}

/** The whole browser round trip: our connect URL → the fake dialog → its Continue link → our callback. */
async function connect(user: TestUser, channel: "facebook" | "instagram", pages: FakePage[] = [fakePage()]) {
  const callbackPath = await startConnect(user.headers, channel, pages);
  // The browser that started it comes back with its session cookie; here, the same user's credentials.
  const res = await call(callbackPath, { redirect: "manual", headers: user.headers });
  return { res, location: res.headers.get("location"), callbackPath, pages };
}

async function accountsOf(ws: string) {
  return (await testDb().execute(
    sql`select id, channel, external_id, status, provider from channel_accounts where workspace_id = ${ws} and provider = 'meta' order by channel`,
  )) as unknown as { id: string; channel: string; external_id: string; status: string }[];
}

async function postMeta(payload: unknown, tamper = false) {
  const raw = JSON.stringify(payload);
  const signature = await signMetaBody(env.META_APP_SECRET!, tamper ? `${raw} ` : raw);
  return call("/api/hooks/meta", {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
    body: raw,
  });
}

const messaging = (object: "page" | "instagram", accountId: string, items: unknown[]) => ({
  object,
  entry: [{ id: accountId, time: Date.now(), messaging: items }],
});
const inboundItem = (pageId: string, psid: string, mid: string, text: string) => ({
  sender: { id: psid },
  recipient: { id: pageId },
  timestamp: Date.now(),
  message: { mid, text },
});

/** A connected Page and a lead who just wrote to it from `psid` (the webhook creates the lead). */
async function leadWhoWrote(label: string, psid = `psid-${uid()}`) {
  const user = await createUser(label);
  const ws = await workspaceOf(user);
  const { pages } = await connect(user, "facebook");
  const pageId = pages[0]!.id;
  const mid = `m_in_${uid()}`;
  expect((await postMeta(messaging("page", pageId, [inboundItem(pageId, psid, mid, "Hello there")]))).status).toBe(200);
  await processed([mid], PROVIDER);
  const [lead] = (await testDb().execute(
    sql`select id from leads where workspace_id = ${ws} and contact_channels @> ${JSON.stringify([{ channel: "facebook", handle: psid }])}::jsonb`,
  )) as unknown as { id: string }[];
  return { user, ws, pageId, psid, leadId: lead!.id };
}

const sendsTo = async (psid: string) =>
  (
    (await (await control(`/__control/sends?recipient=${psid}`)).json()) as {
      sends: { body: Record<string, unknown> }[];
    }
  ).sends;

const ageInbound = (ws: string, leadId: string, hours: number) =>
  testDb().execute(
    sql`update conversations set last_inbound_at = now() - make_interval(hours => ${hours}) where workspace_id = ${ws} and lead_id = ${leadId} and channel = 'facebook'`,
  );

describe("connecting Facebook Pages and Instagram accounts", () => {
  it("stores every granted Page with its token sealed, subscribes it, and updates it on re-connect", async () => {
    const owner = await createUser("meta-connect");
    const member = await createUser("meta-connect-member");
    const team = await joinWorkspace(owner, member, "member");
    expect((await postJson("/api/channels/meta/connect", { channel: "facebook" }, team.as(member))).status).toBe(403);

    const page = fakePage();
    const first = await connect(owner, "facebook", [page]);
    expect(first.res.status).toBe(302);
    expect(first.location).toBe("/dashboard/channels?connected=facebook");
    expect(await accountsOf(team.ws)).toEqual([
      expect.objectContaining({ channel: "facebook", external_id: page.id, status: "connected" }),
    ]);
    const [stored] = (await testDb().execute(
      sql`select c.sealed from channel_credentials c join channel_accounts a on a.id = c.account_id where a.external_id = ${page.id}`,
    )) as unknown as { sealed: string }[];
    expect(stored!.sealed).not.toContain(page.access_token);
    expect(atob(stored!.sealed.split(".")[1]!)).not.toContain(page.access_token);
    const subs = (await (await control("/__control/subscriptions")).json()) as { pages: Record<string, string> };
    expect(subs.pages[page.id]).toBe("messages,message_echoes,message_deliveries,message_reads");
    // The same state a second time (a reload of the callback) does nothing but say so.
    const replay = await call(first.callbackPath, { redirect: "manual", headers: owner.headers });
    expect(replay.headers.get("location")).toBe("/dashboard/channels?error=expired");

    // Instagram through the same Page: the Page row is updated, not duplicated; the IG account is added.
    const again = await connect(owner, "instagram", [{ ...page, name: "Acme renamed" }]);
    expect(again.location).toBe("/dashboard/channels?connected=instagram");
    const accounts = await accountsOf(team.ws);
    expect(accounts.map((a) => [a.channel, a.external_id])).toEqual([
      ["facebook", page.id],
      ["instagram", page.instagram_business_account!.id],
    ]);
    const list = (await call("/api/channels", { headers: owner.headers })).body.channels;
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: "facebook", name: "Acme renamed", provider: "meta" }),
      ]),
    );
  });

  it("does not connect for an admin demoted while Meta's dialog was open", async () => {
    const owner = await createUser("meta-demoted-owner");
    const admin = await createUser("meta-demoted-admin");
    const team = await joinWorkspace(owner, admin, "admin");
    const callbackPath = await startConnect(team.as(admin), "facebook", [fakePage()]);
    await testDb().execute(
      sql`update workspace_members set role = 'member' where workspace_id = ${team.ws} and user_id = ${admin.id}`,
    );
    const res = await call(callbackPath, { redirect: "manual", headers: team.as(admin) });
    expect(res.headers.get("location")).toBe("/dashboard/channels?error=forbidden");
    expect(await accountsOf(team.ws)).toEqual([]);
  });

  it("does not let a dialog link started by one user connect another user's Pages (login CSRF)", async () => {
    const attacker = await createUser("meta-csrf-attacker");
    const victim = await createUser("meta-csrf-victim");
    const callbackPath = await startConnect(attacker.headers, "facebook", [fakePage()]);
    // Not signed in: no session, no connection.
    expect((await call(callbackPath, { redirect: "manual" })).status).toBe(401);
    // The victim, signed in, follows the attacker's link after approving in Meta's dialog.
    const res = await call(callbackPath, { redirect: "manual", headers: victim.headers });
    expect(res.headers.get("location")).toBe("/dashboard/channels?error=forbidden");
    expect(await accountsOf(await workspaceOf(attacker))).toEqual([]);
    expect(await accountsOf(await workspaceOf(victim))).toEqual([]);
  });

  it("proves the webhook URL with the verify token only", async () => {
    const challenge = (token: string) =>
      call(`/api/hooks/meta?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=8472`);
    const ok = await challenge(env.META_WEBHOOK_VERIFY_TOKEN!);
    expect([ok.status, ok.body]).toEqual([200, "8472"]);
    expect((await challenge("wrong")).status).toBe(403);
  });
});

describe("Messenger webhooks and sends", () => {
  it("files a signed message under a new lead by PSID and opens the conversation; tampered 401, replay dropped", async () => {
    const { user, ws, pageId, psid, leadId } = await leadWhoWrote("meta-inbound");
    const inbox = (await call("/api/conversations?channel=facebook", { headers: user.headers })).body;
    expect(inbox.conversations.map((c: { leadId: string }) => c.leadId)).toEqual([leadId]);
    const [message] = await messagesOfLead(ws, leadId);
    expect(message).toMatchObject({ direction: "inbound", channel: "facebook", body: "Hello there" });

    const mid = `m_in_${uid()}`;
    const payload = messaging("page", pageId, [inboundItem(pageId, psid, mid, "Again")]);
    expect((await postMeta(payload, true)).status).toBe(401);
    expect((await postMeta(payload)).body).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
    expect((await postMeta(payload)).body).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
    await processed([mid], PROVIDER);
    expect(await messagesOfLead(ws, leadId)).toHaveLength(2);
  });

  it("answers within 24 h as RESPONSE; the echo is not shown twice; delivery and read receipts move the status", async () => {
    const { user, ws, pageId, psid, leadId } = await leadWhoWrote("meta-send");
    const res = await send(user, { leadId, channel: "facebook", body: "Thanks for writing!" });
    expect(res.status).toBe(202);
    const sent = await messageReaches(res.body.message.id, "sent", 15_000);
    expect((await sendsTo(psid)).map((s) => s.body)).toEqual([
      { recipient: { id: psid }, messaging_type: "RESPONSE", message: { text: "Thanks for writing!" } },
    ]);
    const mid = sent.provider_message_id!;
    const echo = {
      sender: { id: pageId },
      recipient: { id: psid },
      timestamp: Date.now(),
      message: { mid, text: "Thanks for writing!", is_echo: true },
    };
    const delivery = {
      sender: { id: psid },
      recipient: { id: pageId },
      timestamp: Date.now(),
      delivery: { mids: [mid], watermark: Date.now() },
    };
    await postMeta(messaging("page", pageId, [echo, delivery]));
    await processed([`echo:${mid}`, `delivered:${mid}`], PROVIDER);
    await messageReaches(res.body.message.id, "delivered");
    // Messenger's read receipt names no message: everything sent to this person up to the watermark was read.
    const watermark = Date.now() + 1000;
    const read = { sender: { id: psid }, recipient: { id: pageId }, timestamp: watermark, read: { watermark } };
    await postMeta(messaging("page", pageId, [read]));
    await processed([`read:${pageId}:${psid}:${watermark}`], PROVIDER);
    await messageReaches(res.body.message.id, "read");
    expect((await messagesOfLead(ws, leadId)).map((m) => m.direction)).toEqual(["inbound", "outbound"]);
  });

  it("uses HUMAN_AGENT between 24 h and 7 days, and refuses with its reason after 7 days", async () => {
    const { user, ws, psid, leadId } = await leadWhoWrote("meta-window");
    await ageInbound(ws, leadId, 72);
    const late = await send(user, { leadId, channel: "facebook", body: "Sorry for the wait" });
    expect(late.status).toBe(202);
    await messageReaches(late.body.message.id, "sent", 15_000);
    expect((await sendsTo(psid))[0]!.body).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });

    await ageInbound(ws, leadId, 8 * 24);
    const composer = (await call(`/api/leads/${leadId}/composer`, { headers: user.headers })).body;
    const facebook = composer.channels.find((c: { channel: string }) => c.channel === "facebook");
    expect(facebook).toMatchObject({ possible: false, reason: expect.stringMatching(/24 hours.*7 days/) });
    const refused = await send(user, { leadId, channel: "facebook", body: "Hello?", fallback: false });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "MESSAGE_BLOCKED", details: { reason: "window_closed" } });
  });

  it("falls back to the next channel when Meta answers that the window is closed", async () => {
    const { user, ws, leadId } = await leadWhoWrote("meta-fallback", `psid-window-closed-${uid()}`);
    await setMessagingSettings(ws, { fallbackOrder: ["facebook", "sandbox"] });
    const res = await send(user, { leadId, channel: "facebook", body: "Following up" });
    expect(res.status).toBe(202);
    await messageReaches(res.body.message.id, "failed", 15_000);
    expect(await messageRow(res.body.message.id)).toMatchObject({ error_code: "window_closed" });
    const fallback = await eventually("the fallback message", async () => {
      const rows = await messagesOfLead(ws, leadId);
      return rows.find((m) => m.fallbackOf === res.body.message.id);
    });
    expect(fallback.channel).toBe("sandbox");
    await messageReaches(fallback.id, "sent", 15_000);
  });

  it("waits out Meta's rate limit (613) and then sends once", async () => {
    const { user, leadId, psid } = await leadWhoWrote("meta-ratelimit", `psid-ratelimit-${uid()}`);
    const res = await send(user, { leadId, channel: "facebook", body: "Rate limited?" });
    const row = await messageReaches(res.body.message.id, "sent", 20_000);
    expect(row.attempts).toBe(2);
    expect(await sendsTo(psid)).toHaveLength(1);
  });

  it("an invalid Page token fails the send and disconnects the Page with its reason; removing it drops the token", async () => {
    const { user, ws, leadId } = await leadWhoWrote("meta-token", `psid-bad-token-${uid()}`);
    const res = await send(user, { leadId, channel: "facebook", body: "Token?", fallback: false });
    await messageReaches(res.body.message.id, "failed", 15_000);
    expect(await messageRow(res.body.message.id)).toMatchObject({ error_code: "token_invalid" });
    const [account] = await accountsOf(ws);
    expect(account).toMatchObject({ status: "disconnected" });
    const listed = (await call("/api/channels", { headers: user.headers })).body.channels;
    expect(listed.find((a: { id: string }) => a.id === account!.id)).toMatchObject({
      status: "disconnected",
      reason: expect.stringMatching(/connect it again/),
    });
    // Removing it deletes its sealed token with it.
    expect((await call(`/api/channels/${account!.id}`, { method: "DELETE", headers: user.headers })).status).toBe(204);
    expect(await accountsOf(ws)).toEqual([]);
    const creds = await testDb().execute(sql`select 1 from channel_credentials where account_id = ${account!.id}`);
    expect(creds).toHaveLength(0);
  });

  it("files Instagram messages under the Instagram account and answers through its Page", async () => {
    const user = await createUser("meta-ig");
    const ws = await workspaceOf(user);
    const { pages } = await connect(user, "instagram");
    const igId = pages[0]!.instagram_business_account!.id;
    const igsid = `igsid-${uid()}`;
    const mid = `m_ig_${uid()}`;
    await postMeta(messaging("instagram", igId, [inboundItem(igId, igsid, mid, "Saw your story")]));
    await processed([mid], PROVIDER);
    const [lead] = (await testDb().execute(
      sql`select id from leads where workspace_id = ${ws} and main_channel = 'instagram'`,
    )) as unknown as { id: string }[];
    const res = await send(user, { leadId: lead!.id, channel: "instagram", body: "Thanks!" });
    await messageReaches(res.body.message.id, "sent", 15_000);
    const [sent] = await sendsTo(igsid);
    expect(sent).toMatchObject({ pageId: pages[0]!.id, body: { messaging_type: "RESPONSE" } });
  });
});
