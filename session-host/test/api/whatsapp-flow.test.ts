// The host end to end against the loopback WhatsApp stand-in (real Baileys, real Noise and Signal): pair by QR,
// an inbound message and a send with receipts reach the Worker's hook, a restart logs back in without a QR.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { startWaStandIn, type WaStandIn } from "../wa-standin/stand-in";
import { createWorkspace, type FileDatabase, fileDatabase } from "../support/db";
import { FAST_SETTINGS, type RunningHost, signed, startEventSink, startTestHost } from "../support/host";
import { eventually, pairSession, sessionStatus } from "../support/pairing";

// Pairing drives a real Noise handshake and Signal sessions: give a loaded machine time.
setDefaultTimeout(30_000);

const ACCOUNT = "4915112345678";
const LEAD = "4917600000001";
const sink = startEventSink();
let standIn: WaStandIn;
let db: FileDatabase;
let host: RunningHost;
let ws: string;
let sessionId: string;

const hostOptions = () => ({
  databaseUrl: db.url,
  workerUrl: sink.url,
  hostId: "flow-host",
  waWebSocketUrl: standIn.url,
  certRootPublicKey: standIn.certRootPublicKey,
});

beforeAll(async () => {
  standIn = await startWaStandIn();
  db = await fileDatabase();
  host = await startTestHost(hostOptions());
  ws = await createWorkspace(db.sql);
});
afterAll(async () => {
  await host.stop();
  await standIn.close();
  sink.stop();
  await db.drop();
});

describe("a WhatsApp session through the host", () => {
  test("pairs by QR and reports the account's number to the Worker", async () => {
    sessionId = await pairSession(host, standIn, ws, ACCOUNT);
    const session = await sessionStatus(host, ws, sessionId);
    expect(session).toMatchObject({ status: "open", phone: ACCOUNT });
    await sink.waitFor((e) => e.kind === "session" && e.status === "open" && e.phone === ACCOUNT);
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from session_host.auth_keys where session_id = ${sessionId}`;
    expect(row!.n).toBeGreaterThan(1);
  });

  test("a lead's message reaches the Worker with its text and number", async () => {
    const { id } = await standIn.sendInbound({ from: LEAD, to: ACCOUNT, text: "Hi, is the offer still on?" });
    const event = await sink.waitFor((e) => e.kind === "message" && e.providerMessageId === id);
    expect(event).toMatchObject({ sessionId, body: "Hi, is the offer still on?", from: { phone: LEAD } });
  });

  test("a send reaches the lead decrypted, once per key, and its receipts come back in order", async () => {
    const path = `/sessions/${sessionId}/messages?workspaceId=${ws}`;
    const body = { to: LEAD, text: "Yes! Shall we talk on Friday?", idempotencyKey: "flow-1", reply: true };
    const res = await signed(host, "POST", path, body);
    expect(res.status).toBe(202);
    const { providerMessageId } = (await res.json()) as { providerMessageId: string };
    expect((await signed(host, "POST", path, body)).status).toBe(200);
    const got = await standIn.waitForMessage((m) => m.id === providerMessageId, 5_000);
    expect(got).toMatchObject({ from: ACCOUNT, to: LEAD, text: "Yes! Shall we talk on Friday?" });
    await sink.waitFor((e) => e.kind === "status" && e.providerMessageId === providerMessageId && e.status === "sent");
    await sink.waitFor(
      (e) => e.kind === "status" && e.providerMessageId === providerMessageId && e.status === "delivered",
    );
    standIn.sendReceipt({ id: providerMessageId, to: LEAD, type: "read" });
    await sink.waitFor((e) => e.kind === "status" && e.providerMessageId === providerMessageId && e.status === "read");
    await Bun.sleep(200);
    expect(standIn.receivedCopies.filter((m) => m.id === providerMessageId).length).toBe(1);
    // The host keeps no message bodies once sent.
    const [row] = await db.sql<{ content: unknown }[]>`
      select content from session_host.outbound where wa_message_id = ${providerMessageId}`;
    expect(row!.content).toBeNull();
  });

  test("a recipient's night holds only their message: one to a lead in daytime goes first", async () => {
    const hourIn = (zone: string) =>
      Number(
        new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone: zone }).format(new Date()),
      );
    const zones = [
      "Pacific/Auckland",
      "Asia/Tokyo",
      "Asia/Kolkata",
      "Europe/Berlin",
      "America/New_York",
      "America/Los_Angeles",
      "Pacific/Honolulu",
    ];
    const night = zones.find((z) => hourIn(z) >= 23 || hourIn(z) < 6)!;
    const day = zones.find((z) => hourIn(z) >= 10 && hourIn(z) < 19)!;
    const base = `/sessions/${sessionId}`;
    const q = `?workspaceId=${ws}`;
    expect(
      (await signed(host, "PATCH", `${base}/pacing${q}`, { ...FAST_SETTINGS, quietStartHour: 21, quietEndHour: 8 }))
        .status,
    ).toBe(200);
    const send = async (to: string, zone: string, key: string) =>
      (
        (await (
          await signed(host, "POST", `${base}/messages${q}`, {
            to,
            text: `to ${zone}`,
            idempotencyKey: key,
            recipientTimeZone: zone,
          })
        ).json()) as { providerMessageId: string }
      ).providerMessageId;
    const held = await send("4917600000101", night, "night-1");
    const sent = await send("4917600000102", day, "day-1");
    await standIn.waitForMessage((m) => m.id === sent, 5_000);
    expect(standIn.received.some((m) => m.id === held)).toBe(false);
    // The rep lifts quiet hours: the held message goes at once.
    await signed(host, "PATCH", `${base}/pacing${q}`, FAST_SETTINGS);
    await standIn.waitForMessage((m) => m.id === held, 5_000);
  });

  test("after a host restart the session opens again without a QR", async () => {
    await host.stop();
    const before = await db.sql<{ owner_host: string | null }[]>`
      select owner_host from session_host.sessions where id = ${sessionId}`;
    expect(before[0]!.owner_host).toBeNull();
    const t0 = performance.now();
    host = await startTestHost(hostOptions());
    await eventually(
      async () => standIn.isOnline(ACCOUNT) && (await sessionStatus(host, ws, sessionId)).status === "open",
      10_000,
    );
    expect(performance.now() - t0).toBeLessThan(10_000);
    const qrs = await db.sql<{ qr: string | null }[]>`select qr from session_host.sessions where id = ${sessionId}`;
    expect(qrs[0]!.qr).toBeNull();
    const { id } = await standIn.sendInbound({ from: LEAD, to: ACCOUNT, text: "Still there?" });
    await sink.waitFor((e) => e.kind === "message" && e.providerMessageId === id);
  }, 20_000);

  test("pairs by code instead of QR: the rep types the code on the phone", async () => {
    const phone = "4915177777777";
    const res = await signed(host, "POST", "/sessions", { workspaceId: ws, channel: "whatsapp", name: "Code phone" });
    const { id } = (await res.json()) as { id: string };
    await eventually(async () => (await sessionStatus(host, ws, id)).status === "qr", 10_000, "ready to pair");
    const bad = await signed(host, "POST", `/sessions/${id}/pairing-code?workspaceId=${ws}`, { phone: "12" });
    expect(bad.status).toBe(400);
    const answer = await signed(host, "POST", `/sessions/${id}/pairing-code?workspaceId=${ws}`, { phone: `+${phone}` });
    expect(answer.status).toBe(200);
    const { code } = (await answer.json()) as { code: string };
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await standIn.enterPairingCode(code, { phone });
    await eventually(async () => (await sessionStatus(host, ws, id)).status === "open", 10_000, "open");
    expect((await sessionStatus(host, ws, id)).phone).toBe(phone);
  });

  test("logged out from the phone: the login is wiped and the Worker is told", async () => {
    standIn.disconnect(ACCOUNT, "loggedOut");
    await sink.waitFor((e) => e.kind === "session" && e.status === "logged_out" && e.sessionId === sessionId);
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from session_host.auth_keys where session_id = ${sessionId}`;
    expect(row!.n).toBe(0);
    const send = await signed(host, "POST", `/sessions/${sessionId}/messages?workspaceId=${ws}`, {
      to: LEAD,
      text: "hello?",
      idempotencyKey: "after-logout",
    });
    expect(send.status).toBe(409);
  });
});
