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

/** What the session-host does after a close: a new socket from the same auth state. */
const reconnect = () => {
  const next = connectBaileys(standIn.url, auth);
  next.sock.ev.on("messages.upsert", ({ messages }) => upserts.push(...messages));
  next.sock.ev.on("messages.update", (u) => updates.push(...u));
  return next;
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

    session = reconnect();
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
    standIn.notOnWhatsApp("4917699999999");
    expect(await session.sock.onWhatsApp("4917699999999")).toEqual([]);

    expect(url).toStartWith("https://");
    expect(lookup).toMatchObject({ exists: true, jid: leadJid });
    await eventually(() => standIn.activity.receipts.some((r) => r.id === inbound.key.id && r.type === "read"), "read");
    expect(standIn.activity.chatStates.map((c) => c.state)).toEqual(["composing", "paused"]);
    expect(standIn.activity.presences.map((p) => p.type)).toContain("available");
  });

  test("a socket rebuilt from the saved creds logs in without a QR and gets what arrived meanwhile", async () => {
    session.sock.end(undefined);
    await session.closed();
    const { id: whileAway } = await standIn.sendInbound({ from: LEAD, to: ACCOUNT, text: "Tomorrow works" });
    expect(standIn.isOnline(ACCOUNT)).toBe(false);

    session = reconnect();
    await session.opened();
    expect(session.updates.some((u) => u.qr)).toBe(false);
    await eventually(() => upserts.some((m) => m.key.id === whileAway), "message queued while offline");
    const sent = await session.sock.sendMessage(leadJid, { text: "Great, 10am?" });
    await standIn.waitForMessage((m) => m.id === sent!.key.id);
  });

  test("stream errors and drops surface as the matching DisconnectReason, and the creds reconnect", async () => {
    const cases = [
      ["restartRequired", DisconnectReason.restartRequired],
      ["connectionReplaced", DisconnectReason.connectionReplaced],
      ["connectionClosed", DisconnectReason.connectionClosed],
    ] as const;
    for (const [reason, code] of cases) {
      standIn.disconnect(ACCOUNT, reason);
      expect(await session.closed()).toBe(code);
      session = reconnect();
      await session.opened();
    }
    // a second client logging in with the same creds replaces the first, as on WhatsApp
    const second = reconnect();
    await second.opened();
    expect(await session.closed()).toBe(DisconnectReason.connectionReplaced);
    session = second;
    expect(standIn.devices(ACCOUNT)).toEqual([{ device: expect.any(Number), online: true }]);
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

describe("WhatsApp stand-in with LID addressing (how WhatsApp now routes most 1:1 chats)", () => {
  test("an inbound LID-addressed message carries the phone number as alt JID, and a reply to the LID arrives", async () => {
    const lidStandIn = await startWaStandIn({ addressing: "lid" });
    const lidAuth = memoryAuthState();
    const pairing = connectBaileys(lidStandIn.url, lidAuth);
    await lidStandIn.scanQr(await pairing.qr(), { phone: "4915199999999" });
    await pairing.closed();
    const lidSession = connectBaileys(lidStandIn.url, lidAuth);
    const inbound: WAMessage[] = [];
    lidSession.sock.ev.on("messages.upsert", ({ messages }) => inbound.push(...messages));
    try {
      await lidSession.opened();
      const { id } = await lidStandIn.sendInbound({ from: LEAD, to: "4915199999999", text: "Hello via LID" });
      await eventually(() => inbound.some((m) => m.key.id === id), "LID inbound");
      const { key } = inbound.find((m) => m.key.id === id)!;
      expect(key.remoteJid).toBe(`${lidStandIn.contact(LEAD).lid}@lid`);
      expect(key.remoteJidAlt).toBe(leadJid);

      const reply = await lidSession.sock.sendMessage(key.remoteJid!, { text: "Hi back" });
      const received = await lidStandIn.waitForMessage((m) => m.id === reply!.key.id);
      expect(received).toMatchObject({ to: LEAD, text: "Hi back" });
      expect(lidStandIn.errors).toEqual([]);
    } finally {
      lidSession.sock.end(undefined);
      await lidStandIn.close();
    }
  });
});

describe("WhatsApp stand-in pairing by phone-number code", () => {
  test("requestPairingCode → the user types the code on the phone → restart → open as the account", async () => {
    const codeStandIn = await startWaStandIn();
    const codeAuth = memoryAuthState();
    const pairing = connectBaileys(codeStandIn.url, codeAuth);
    let session: ReturnType<typeof connectBaileys> | undefined;
    try {
      await pairing.qr(); // the socket is registered and ready to link
      const code = await pairing.sock.requestPairingCode("4915188888888");
      expect(code).toHaveLength(8);

      await expect(codeStandIn.enterPairingCode("WRONGCOD", { phone: "4915188888888" })).rejects.toThrow(
        "wrong pairing code",
      );
      await codeStandIn.enterPairingCode(code, { phone: "4915188888888" });
      expect(await pairing.closed()).toBe(DisconnectReason.restartRequired);

      session = connectBaileys(codeStandIn.url, codeAuth);
      await session.opened();
      expect(session.sock.user?.id).toStartWith("4915188888888:");
    } finally {
      session?.sock.end(undefined);
      await codeStandIn.close();
    }
  });
});
