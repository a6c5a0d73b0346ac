import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  type AuthenticationState,
  DisconnectReason,
  proto,
  WA_CERT_DETAILS,
  type WAMessage,
  type WAMessageUpdate,
} from "@whiskeysockets/baileys";
import { connectBaileys, memoryAuthState } from "./baileys-client.ts";
import { startWaStandIn, type WaStandIn } from "./stand-in.ts";

const ACCOUNT = "4915112345678";
const LEAD = "4917600000001";
const leadJid = `${LEAD}@s.whatsapp.net`;

let standIn: WaStandIn;
let auth: AuthenticationState;
let session: ReturnType<typeof connectBaileys>;
const upserts: WAMessage[] = [];
const updates: WAMessageUpdate[] = [];

const eventually = async (check: () => boolean, what: string, timeoutMs = 2_000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(5);
  }
};

const statusOf = (id: string) => updates.filter((u) => u.key.id === id && u.update.status).map((u) => u.update.status);

beforeAll(async () => {
  standIn = await startWaStandIn();
  // the one test-only hook: Baileys must trust the stand-in's certificate root
  WA_CERT_DETAILS.PUBLIC_KEY = Buffer.from(standIn.certRootPublicKey);
  auth = memoryAuthState();
});

afterAll(async () => {
  session?.sock.end(undefined);
  await standIn.close();
});

describe("WhatsApp stand-in driven by real Baileys", () => {
  test("pairs by QR: the phone scans, WhatsApp asks for a restart, the new socket opens as the account", async () => {
    const pairing = connectBaileys(standIn.url, auth);
    const qr = await pairing.qr();
    expect(qr).toStartWith("https://wa.me/settings/linked_devices#");

    const { device } = await standIn.scanQr(qr, { phone: ACCOUNT, pushName: "Rarity Sales" });
    expect(await pairing.closed()).toBe(DisconnectReason.restartRequired);

    session = connectBaileys(standIn.url, auth);
    session.sock.ev.on("messages.upsert", ({ messages }) => upserts.push(...messages));
    session.sock.ev.on("messages.update", (u) => updates.push(...u));
    await session.opened();
    expect(session.sock.user?.id).toBe(`${ACCOUNT}:${device}@s.whatsapp.net`);
    expect(standIn.isOnline(ACCOUNT)).toBe(true);
    // the phone's first history push tells the new device its push name
    await eventually(() => auth.creds.me?.name === "Rarity Sales", "push name");
  });

  test("a lead's text arrives as messages.upsert with the text and sender", async () => {
    const { id } = await standIn.sendInbound({ from: LEAD, to: ACCOUNT, text: "Hi, is the offer still open?" });
    await eventually(() => upserts.some((m) => m.key.id === id), "inbound upsert");
    const message = upserts.find((m) => m.key.id === id)!;
    expect(message.message?.conversation).toBe("Hi, is the offer still open?");
    expect(message.key.fromMe).toBe(false);
    expect(message.key.remoteJid).toBe(leadJid);
    // Baileys confirms delivery to the lead's phone
    await eventually(() => standIn.activity.receipts.some((r) => r.id === id && r.type === "delivery"), "receipt");
  });

  test("sendMessage reaches the lead decrypted; delivery then read come back as messages.update", async () => {
    const sent = await session.sock.sendMessage(leadJid, { text: "Yes! Shall we talk tomorrow?" });
    const id = sent!.key.id!;
    const received = await standIn.waitForMessage((m) => m.id === id);
    expect(received).toMatchObject({ from: ACCOUNT, to: LEAD, text: "Yes! Shall we talk tomorrow?" });

    await eventually(() => statusOf(id).includes(proto.WebMessageInfo.Status.DELIVERY_ACK), "delivery receipt");
    standIn.sendReceipt({ id, to: LEAD, type: "read" });
    await eventually(() => statusOf(id).includes(proto.WebMessageInfo.Status.READ), "read receipt");
  });

  test("the same message id sent twice counts once for the lead, and both copies are visible", async () => {
    const copiesBefore = standIn.receivedCopies.length;
    const id = "3EB0RESENDTEST0001";
    await session.sock.sendMessage(leadJid, { text: "Following up" }, { messageId: id });
    await session.sock.sendMessage(leadJid, { text: "Following up" }, { messageId: id });
    await eventually(() => standIn.receivedCopies.length === copiesBefore + 2, "two copies");
    expect(standIn.received.filter((m) => m.id === id)).toHaveLength(1);
  });

  test("presence, typing, read marks and profile lookups are answered", async () => {
    await session.sock.sendPresenceUpdate("available");
    await session.sock.sendPresenceUpdate("composing", leadJid);
    await session.sock.sendPresenceUpdate("paused", leadJid);
    const inbound = upserts.find((m) => !m.key.fromMe && m.message?.conversation)!;
    await session.sock.readMessages([inbound.key]);
    const url = await session.sock.profilePictureUrl(leadJid);
    const [lookup] = (await session.sock.onWhatsApp(LEAD)) ?? [];

    expect(url).toStartWith("https://");
    expect(lookup).toMatchObject({ exists: true, jid: leadJid });
    await eventually(() => standIn.activity.receipts.some((r) => r.id === inbound.key.id && r.type === "read"), "read");
    expect(standIn.activity.chatStates.map((c) => c.state)).toEqual(["composing", "paused"]);
    expect(standIn.activity.presences.map((p) => p.type)).toContain("available");
  });

  test("a socket rebuilt from the saved creds logs in without a QR and still messages", async () => {
    session.sock.end(undefined);
    await session.closed();
    session = connectBaileys(standIn.url, auth);
    session.sock.ev.on("messages.upsert", ({ messages }) => upserts.push(...messages));
    await session.opened();
    expect(session.updates.some((u) => u.qr)).toBe(false);

    const { id } = await standIn.sendInbound({ from: LEAD, to: ACCOUNT, text: "Tomorrow works" });
    await eventually(() => upserts.some((m) => m.key.id === id), "inbound after re-login");
    const sent = await session.sock.sendMessage(leadJid, { text: "Great, 10am?" });
    await standIn.waitForMessage((m) => m.id === sent!.key.id);
  });

  test("WhatsApp unlinking the device makes Baileys report loggedOut, and the creds stop working", async () => {
    standIn.disconnect(ACCOUNT, "loggedOut");
    expect(await session.closed()).toBe(DisconnectReason.loggedOut);
    expect(standIn.devices(ACCOUNT)).toEqual([]);

    const again = connectBaileys(standIn.url, auth);
    expect(await again.closed()).toBe(DisconnectReason.loggedOut);
  });

  test("the stand-in saw nothing it could not handle", () => {
    expect(standIn.errors).toEqual([]);
    expect(standIn.unhandledIqs.map((iq) => iq.attrs.xmlns)).toEqual([]);
  });
});
