// The X channel (issue 17) against a local fake of X API v2 (test/fakes/x-api-fake.ts): connecting by OAuth 2.0
// with PKCE, sending DMs, X's refusals (a recipient who does not accept DMs, 429, revoked access), token refresh
// with rotation serialised in the account's Durable Object, and inbound DMs polled by it.
import { env, runInDurableObject } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadXTokens, startXConnect } from "../../workers/messaging/x-accounts.service";
import { X_GARBLED_ANSWER, X_RATE_LIMITED_ONCE, X_REFUSES_DMS } from "../fakes/x-api-fake";
import { BASE, call } from "../support/api-client";
import { createUser } from "../support/auth";
import { createLead, joinWorkspace } from "../support/factories";
import { ledgerRows, messagesOfLead, processed, testDb } from "../support/messaging-db";
import { messageReaches, send, setMessagingSettings } from "../support/messaging";
import { accountRow, authorizeAndReturn, connectX, fake, fakeUser, fallbackOf, xAccount } from "../support/x-channel";

describe("X accounts", () => {
  it("connects through OAuth with PKCE: one account per X user, tokens sealed, state single-use, admins only", async () => {
    const owner = await createUser("x-connect");
    const member = await createUser("x-connect-member");
    const team = await joinWorkspace(owner, member, "member");
    expect((await call("/api/channels/x/connect", { method: "POST", headers: team.as(member) })).status).toBe(403);

    const { res, callback } = await authorizeAndReturn(owner);
    expect(res.headers.get("location")).toBe("/dashboard/channels?connected=x");
    const [account] = (await call("/api/channels", { headers: owner.headers })).body.channels;
    expect(account).toMatchObject({ channel: "x", provider: "x-api", status: "connected", name: /^@fake_/ });
    const row = await accountRow(account.id);
    const [sealed] = await testDb().execute(
      sql`select sealed from channel_credentials where account_id = ${account.id}`,
    );
    const tokens = await loadXTokens(testDb(), env, team.ws, account.id);
    expect(tokens?.accessToken).toBeTruthy();
    expect(String(sealed!.sealed)).not.toContain(tokens!.accessToken);
    expect(String(sealed!.sealed)).not.toContain(tokens!.refreshToken);
    const [audit] = await testDb().execute(
      sql`select event from audit_log where subject = ${account.id} and event = 'channel.connected'`,
    );
    expect(audit).toBeDefined();

    // The same return link again: the state was used once.
    const replay = await call(callback, { headers: owner.headers, redirect: "manual" });
    expect(replay.headers.get("location")).toBe("/dashboard/channels?error=state_invalid");
    // X denied: an error, no account, nothing secret in the URL.
    const denied = await authorizeAndReturn(owner, { fake_deny: "1" });
    expect(denied.res.headers.get("location")).toBe("/dashboard/channels?error=access_denied");
    expect(row.external_id).toMatch(/^[0-9]+$/);
    expect((await call("/api/channels", { headers: owner.headers })).body.channels).toHaveLength(1);

    // Removed: the row and its sealed tokens go, and the account's object stops (no token, no polling).
    expect((await call(`/api/channels/${account.id}`, { method: "DELETE", headers: team.as(member) })).status).toBe(
      403,
    );
    expect((await call(`/api/channels/${account.id}`, { method: "DELETE", headers: owner.headers })).status).toBe(204);
    expect(
      await testDb().execute(sql`select 1 from channel_credentials where account_id = ${account.id}`),
    ).toHaveLength(0);
    expect(await xAccount(account.id).accessToken()).toMatchObject({ ok: false, code: "not_connected" });

    // Not configured: a 503 naming the setting.
    const actor = { userId: owner.id, claims: { sub: owner.id, role: "authenticated" as const }, workspaceId: team.ws };
    const unconfigured = { ...env, X_CLIENT_ID: "" } as Env;
    await expect(
      startXConnect(testDb(), unconfigured, { ...actor, workspaceRole: "owner", scopes: ["read", "write"] }, BASE),
    ).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE", details: { setting: "X_CLIENT_ID" } });
  });
});

describe("X direct messages", () => {
  it("sends a DM: X receives it and the message is sent with its DM event id", async () => {
    const owner = await createUser("x-send");
    const x = await connectX(owner);
    const lead = await createLead(owner, { contactChannels: [{ channel: "x", handle: "44196397" }] });
    const res = await send(owner, { leadId: lead.id, channel: "x", body: "Hi from Rarity", sendNow: true });
    expect(res.status).toBe(202);
    const sent = await messageReaches(res.body.message.id, "sent");
    const { sends } = await fakeUser(x.xUserId);
    expect(sends).toEqual([expect.objectContaining({ participantId: "44196397", text: "Hi from Rarity" })]);
    expect(sent.provider_message_id).toBe(sends[0]!.dmEventId);
  });

  it("a DM X took but answered unreadably is never sent again: failed as unknown_outcome", async () => {
    const owner = await createUser("x-garbled");
    const x = await connectX(owner);
    const lead = await createLead(owner, { contactChannels: [{ channel: "x", handle: X_GARBLED_ANSWER }] });
    const res = await send(owner, { leadId: lead.id, channel: "x", body: "Hello once", sendNow: true });
    const failed = await messageReaches(res.body.message.id, "failed");
    expect(failed.error_code).toBe("unknown_outcome");
    // X received it exactly once: the consumer did not try again after the unreadable answer.
    const { sends } = await fakeUser(x.xUserId);
    expect(sends.filter((s) => s.participantId === X_GARBLED_ANSWER)).toHaveLength(1);
  });

  it("a recipient who does not accept DMs: failed with the reason, then the Sandbox takes it", async () => {
    const owner = await createUser("x-403");
    const x = await connectX(owner);
    await setMessagingSettings(x.ws, { fallbackOrder: ["x", "sandbox"] });
    const lead = await createLead(owner, { contactChannels: [{ channel: "x", handle: X_REFUSES_DMS }] });
    const res = await send(owner, { leadId: lead.id, channel: "x", body: "Cold hello", sendNow: true });
    const failed = await messageReaches(res.body.message.id, "failed");
    expect(failed.error_code).toBe("recipient_not_accepting_dms");
    const [why] = await testDb().execute(sql`select error_message from messages where id = ${failed.id}`);
    expect(why!.error_message).toMatch(/does not accept direct messages/);
    const fallback = await fallbackOf(failed.id);
    expect(fallback.channel).toBe("sandbox");
    await messageReaches(fallback.id, "sent");
  });

  it("a 429 is respected: retried after X's reset, then sent once", async () => {
    const owner = await createUser("x-429");
    const x = await connectX(owner);
    const lead = await createLead(owner, { contactChannels: [{ channel: "x", handle: X_RATE_LIMITED_ONCE }] });
    const started = Date.now();
    const res = await send(owner, { leadId: lead.id, channel: "x", body: "Patience", sendNow: true });
    const sent = await messageReaches(res.body.message.id, "sent", 15_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sent.attempts).toBeGreaterThanOrEqual(1);
    expect((await fakeUser(x.xUserId)).sends).toHaveLength(1);
  });

  it("refreshes an expired token once for concurrent callers; the rotated-out refresh token is dead", async () => {
    const owner = await createUser("x-refresh");
    const x = await connectX(owner, { fake_expires_in: "30" });
    const before = (await loadXTokens(testDb(), env, x.ws, x.accountId))!;
    const [a, b] = await Promise.all([xAccount(x.accountId).accessToken(), xAccount(x.accountId).accessToken()]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ ok: true });
    expect((await fakeUser(x.xUserId)).refreshes).toBe(1);
    const after = (await loadXTokens(testDb(), env, x.ws, x.accountId))!;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(a.ok && a.token).toBe(after.accessToken);
    const old = await fetch(`${env.X_API_URL}/2/oauth2/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${btoa(`${env.X_CLIENT_ID}:${env.X_CLIENT_SECRET}`)}`,
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: before.refreshToken }).toString(),
    });
    expect(old.status).toBe(400);

    // Two sends at once on another expiring connection: one refresh, both sent.
    const other = await createUser("x-refresh-2");
    const y = await connectX(other, { fake_expires_in: "30" });
    const leads = await Promise.all(
      ["51001", "51002"].map((h) => createLead(other, { contactChannels: [{ channel: "x", handle: h }] })),
    );
    const sends = await Promise.all(
      leads.map((l) => send(other, { leadId: l.id, channel: "x", body: "Together", sendNow: true })),
    );
    await Promise.all(sends.map((s) => messageReaches(s.body.message.id, "sent")));
    expect((await fakeUser(y.xUserId)).refreshes).toBe(1);
  });

  it("an access token X stopped accepting early is refreshed once and the send retried", async () => {
    const owner = await createUser("x-401");
    const x = await connectX(owner);
    await fake(`/_fake/users/${x.xUserId}/expire-access`, { method: "POST" });
    const lead = await createLead(owner, { contactChannels: [{ channel: "x", handle: "62001" }] });
    const res = await send(owner, { leadId: lead.id, channel: "x", body: "Second try", sendNow: true });
    await messageReaches(res.body.message.id, "sent");
    const seen = await fakeUser(x.xUserId);
    expect(seen.refreshes).toBe(1);
    expect(seen.sends).toHaveLength(1);
    expect((await accountRow(x.accountId)).status).toBe("connected");
  });

  it("revoked access: disconnected with the reason, the send falls back; reconnecting the same X user restores the account", async () => {
    const owner = await createUser("x-revoked");
    const x = await connectX(owner);
    await setMessagingSettings(x.ws, { fallbackOrder: ["x", "sandbox"] });
    await fake(`/_fake/users/${x.xUserId}/revoke`, { method: "POST" });
    const lead = await createLead(owner, { contactChannels: [{ channel: "x", handle: "61001" }] });
    const res = await send(owner, { leadId: lead.id, channel: "x", body: "Still there?", sendNow: true });
    const failed = await messageReaches(res.body.message.id, "failed");
    expect(failed.error_code).toBe("token_invalid");
    expect((await fallbackOf(failed.id)).channel).toBe("sandbox");
    const account = (await call("/api/channels", { headers: owner.headers })).body.channels[0];
    expect(account).toMatchObject({ status: "disconnected", reason: "X access was revoked; reconnect the X account." });

    // The same X user authorises again: the same account, connected, polling and sending again.
    const again = await connectX(owner, { fake_user: x.xUserId });
    expect(again.accountId).toBe(x.accountId);
    const channels = (await call("/api/channels", { headers: owner.headers })).body.channels;
    expect(channels.filter((c: { channel: string }) => c.channel === "x")).toEqual([
      expect.objectContaining({ id: x.accountId, status: "connected", reason: null }),
    ]);
    const retry = await send(owner, { leadId: lead.id, channel: "x", body: "Back again", sendNow: true });
    await messageReaches(retry.body.message.id, "sent");
  });
});

describe("X inbound DMs", () => {
  it("the account's alarm polls on its own schedule", async () => {
    const owner = await createUser("x-alarm");
    const x = await connectX(owner);
    const seeded = await fake(`/_fake/users/${x.xUserId}/inbound`, {
      method: "POST",
      body: JSON.stringify({ events: [{ senderId: "73001", text: "Anyone there?" }] }),
    });
    await processed(seeded.ids, "x");
  });

  it("a backlog longer than one poll reads (10 pages) keeps the newest and is not re-read every poll", async () => {
    const owner = await createUser("x-backlog");
    const x = await connectX(owner);
    await fake("/_fake/config", { method: "POST", body: JSON.stringify({ pageCap: 1 }) });
    try {
      const events = Array.from({ length: 12 }, (_, i) => ({ senderId: "74001", text: `Backlog ${i}` }));
      const seeded = await fake(`/_fake/users/${x.xUserId}/inbound`, {
        method: "POST",
        body: JSON.stringify({ events }),
      });
      await xAccount(x.accountId).pollNow();
      await xAccount(x.accountId).pollNow();
      const newest = (seeded.ids as string[]).slice(2);
      await processed(newest, "x");
      expect((await ledgerRows(seeded.ids, "x")).map((r) => r.eventId).sort()).toEqual([...newest].sort());
      // The cursor moved to the newest: the next poll reads one page, not ten again (the alarm may add one).
      const reads = (await fakeUser(x.xUserId)).reads;
      await xAccount(x.accountId).pollNow();
      expect((await fakeUser(x.xUserId)).reads - reads).toBeLessThanOrEqual(2);
    } finally {
      await fake("/_fake/config", { method: "POST", body: JSON.stringify({ pageCap: 100 }) });
    }
  });

  it("a poll answered 429 waits for X's reset before the next one", async () => {
    const owner = await createUser("x-poll-429");
    const x = await connectX(owner);
    await fake(`/_fake/users/${x.xUserId}/limit-dm-events`, { method: "POST" });
    await xAccount(x.accountId).pollNow();
    // The fake's window resets 30 s from now (the normal interval here is 1 s); the alarm may have polled first.
    const alarm = await runInDurableObject(xAccount(x.accountId), (_o, state) => state.storage.getAlarm());
    expect(alarm).toBeGreaterThan(Date.now() + 20_000);
  });

  it("polls DM events: leads by X user id, one conversation, no duplicates, our own sends skipped", async () => {
    const owner = await createUser("x-inbound");
    const x = await connectX(owner);
    const known = await createLead(owner, { contactChannels: [{ channel: "x", handle: "71002" }] });
    await fake("/_fake/config", { method: "POST", body: JSON.stringify({ pageCap: 2 }) });
    try {
      const seeded = await fake(`/_fake/users/${x.xUserId}/inbound`, {
        method: "POST",
        body: JSON.stringify({
          events: [
            { senderId: "71001", text: "Hello there", name: "Ada Lovelace" },
            { senderId: "71001", text: "Are you hiring?" },
            { senderId: "71002", text: "Following up" },
          ],
        }),
      });
      await xAccount(x.accountId).pollNow();
      await processed(seeded.ids, "x");
      const [created] = await testDb().execute(
        sql`select id, full_name from leads where workspace_id = ${x.ws} and contact_channels @> '[{"channel":"x","handle":"71001"}]'`,
      );
      expect(created!.full_name).toBe("Ada Lovelace");
      const adaThread = await messagesOfLead(x.ws, created!.id as string);
      expect(adaThread.map((m) => [m.direction, m.body])).toEqual([
        ["inbound", "Hello there"],
        ["inbound", "Are you hiring?"],
      ]);
      expect((await messagesOfLead(x.ws, known.id)).map((m) => m.body)).toEqual(["Following up"]);
      const [conversation] = await testDb().execute(
        sql`select external_thread_id from conversations where lead_id = ${created!.id} and channel = 'x'`,
      );
      expect(conversation!.external_thread_id).toMatch(/^[0-9]+-[0-9]+$/);

      // Our reply goes out as a DM; the next polls neither repeat the inbound nor take the reply for inbound.
      const reply = await send(owner, { leadId: known.id, channel: "x", body: "Thanks!", sendNow: true });
      await messageReaches(reply.body.message.id, "sent");
      await xAccount(x.accountId).pollNow();
      await xAccount(x.accountId).pollNow();
      const more = await fake(`/_fake/users/${x.xUserId}/inbound`, {
        method: "POST",
        body: JSON.stringify({ events: [{ senderId: "71002", text: "Great" }] }),
      });
      await xAccount(x.accountId).pollNow();
      await processed(more.ids, "x");
      expect((await messagesOfLead(x.ws, known.id)).map((m) => [m.direction, m.body])).toEqual([
        ["inbound", "Following up"],
        ["outbound", "Thanks!"],
        ["inbound", "Great"],
      ]);
      expect(await messagesOfLead(x.ws, created!.id as string)).toHaveLength(2);
    } finally {
      await fake("/_fake/config", { method: "POST", body: JSON.stringify({ pageCap: 100 }) });
    }
  });
});
