import type { BinaryNode, proto } from "@whiskeysockets/baileys";
import type { Server } from "bun";
import { ClientConnection } from "./connection.ts";
import { muteSessionChatter } from "./libsignal.ts";
import { type Account, type Contact, Directory, type LinkedDevice, pnJid } from "./directory.ts";
import { Messaging, type MessagingOptions, type ReceiptType, type ReceivedMessage } from "./messaging.ts";
import { createCertAuthority } from "./noise-server.ts";
import { pairSuccessNode, parseQr, verifyPairDeviceSign } from "./pairing.ts";
import { type AccountActivity, Switchboard } from "./switchboard.ts";

export type WaStandInOptions = {
  port?: number;
  /** inbound 1:1 addressing (default "pn": from the phone number JID, with sender_lid) */
  addressing?: MessagingOptions["addressing"];
  /** automatic receipts for what the account sends (default: delivery after 150 ms, read only on demand) */
  receipts?: { deliveryAfterMs?: number | null; readAfterMs?: number | null };
  /** the phone's initial history sync after the first login (default true; it also carries the push name) */
  history?: boolean;
};

/** Close reasons the stand-in can cause, named like Baileys' DisconnectReason. */
export type StandInDisconnect =
  | "restartRequired"
  | "loggedOut"
  | "connectionReplaced"
  | "connectionClosed"
  | "connectionLost";

const STREAM_ERRORS: Record<string, BinaryNode> = {
  restartRequired: { tag: "stream:error", attrs: { code: "515" } },
  loggedOut: {
    tag: "stream:error",
    attrs: { code: "401" },
    content: [{ tag: "conflict", attrs: { type: "device_removed" } }],
  },
  connectionReplaced: { tag: "stream:error", attrs: {}, content: [{ tag: "conflict", attrs: { type: "replaced" } }] },
};

let authority: ReturnType<typeof createCertAuthority> | undefined;
/** One certificate root per process: tests install it into Baileys once, however many stand-ins they start. */
const sharedAuthority = () => (authority ??= createCertAuthority());

/** A loopback WhatsApp server for tests: real Noise, real binary nodes, real Signal, fake everything else. */
export class WaStandIn {
  readonly certRootPublicKey: Uint8Array;
  readonly directory = new Directory();
  private readonly authority = sharedAuthority();
  private readonly switchboard: Switchboard;
  private readonly messaging: Messaging;
  private server?: Server<ClientConnection | undefined>;
  private unmute?: () => void;

  constructor(private readonly options: WaStandInOptions = {}) {
    this.certRootPublicKey = this.authority.rootPublicKey;
    this.messaging = new Messaging(
      this.directory,
      {
        toDevice: (device, node) => this.switchboard.deliver(device, node),
        toOnlineDevices: (account, node) => this.switchboard.broadcast(account, node),
      },
      {
        addressing: options.addressing ?? "pn",
        // Baileys buffers events for 100 ms after its own upsert of a sent message and folds a receipt that
        // arrives meanwhile into that upsert's status (no messages.update); phone-like latency keeps them apart
        deliveryAfterMs: options.receipts?.deliveryAfterMs === undefined ? 150 : options.receipts.deliveryAfterMs,
        readAfterMs: options.receipts?.readAfterMs ?? null,
      },
    );
    this.switchboard = new Switchboard(this.directory, this.messaging, { history: options.history ?? true });
  }

  listen(): this {
    this.unmute = muteSessionChatter();
    const switchboard = this.switchboard;
    const authority = this.authority;
    this.server = Bun.serve<ClientConnection | undefined>({
      hostname: "127.0.0.1",
      port: this.options.port ?? 0,
      fetch: (req, server) =>
        server.upgrade(req, { data: undefined }) ? undefined : new Response("WhatsApp stand-in", { status: 426 }),
      websocket: {
        open(ws) {
          ws.data = new ClientConnection(ws, authority, switchboard);
          switchboard.connections.add(ws.data);
        },
        message(ws, data) {
          ws.data?.receive(typeof data === "string" ? Buffer.from(data) : data);
        },
        close(ws) {
          if (ws.data) switchboard.onClose(ws.data);
        },
      },
    });
    return this;
  }

  /** `ws://127.0.0.1:<port>/ws/chat`, for `makeWASocket({ waWebSocketUrl })`. */
  get url(): string {
    if (!this.server) throw new Error("stand-in is not listening");
    return `ws://127.0.0.1:${this.server.port}/ws/chat`;
  }

  /** The phone with number `phone` scans a QR a client shows; resolves once WhatsApp asked the client to restart. */
  async scanQr(qr: string, { phone, pushName }: { phone: string; pushName?: string }) {
    const scanned = parseQr(qr);
    const { conn } = this.switchboard.registrationFor(scanned.ref, scanned.noiseKey);
    return this.completePairing(conn, this.directory.account(phone), scanned.advSecret, pushName);
  }

  /**
   * The user types the code the client got from `sock.requestPairingCode(phone)` on the phone `phone`;
   * resolves once WhatsApp asked the client to restart (like scanQr).
   */
  async enterPairingCode(code: string, { phone, pushName }: { phone: string; pushName?: string }) {
    const account = this.directory.account(phone);
    const { conn, advSecret } = await this.switchboard.linkCode.enterCode(code, account);
    return this.completePairing(conn, account, advSecret, pushName);
  }

  /** pair-success signed by the phone, the device's counter-signature checked, then the 515 restart. */
  private async completePairing(conn: ClientConnection, account: Account, advSecret: Buffer, pushName?: string) {
    const registration = this.switchboard.registrations.get(conn);
    if (!registration) throw new Error("that client is not waiting to be paired");
    if (pushName) account.pushName = pushName;
    const device: LinkedDevice = {
      phone: account.phone,
      device: account.nextDevice++,
      keyIndex: account.devices.size + 1,
      noiseKey: registration.noiseKey,
      identityKey: registration.identityKey,
      registrationId: registration.registrationId,
      signedPreKey: registration.signedPreKey,
      preKeys: new Map(),
      historySent: this.options.history === false,
      offline: [],
    };
    const answer = await conn.query(pairSuccessNode(account, device, advSecret));
    if (answer.attrs.type !== "result") throw new Error(`client refused pair-success: ${JSON.stringify(answer)}`);
    verifyPairDeviceSign(answer, account, device);
    account.devices.set(device.device, device);
    this.switchboard.registrations.delete(conn);
    conn.send(STREAM_ERRORS.restartRequired!);
    return { jid: pnJid(account.phone, device.device), device: device.device };
  }

  /** A fake person (created on first use) with their own Signal identity and pre-keys. */
  contact(phone: string, name?: string): Contact {
    return this.directory.contact(phone, name);
  }

  account(phone: string): Account | undefined {
    return this.directory.accounts.get(phone);
  }

  /** Numbers the stand-in reports as not on WhatsApp (left out of onWhatsApp results, no devices). */
  notOnWhatsApp(phone: string): void {
    this.directory.notOnWhatsApp.add(phone);
  }

  /** A contact writes a text (or any message proto) to the account; arrives as `messages.upsert`. */
  async sendInbound(input: { from: string; to: string; text?: string; message?: proto.IMessage; id?: string }) {
    const account = this.directory.accounts.get(input.to);
    if (!account) throw new Error(`no account ${input.to}: scan a QR with that phone first`);
    const message = input.message ?? { conversation: input.text ?? "" };
    return this.messaging.sendInbound(this.contact(input.from), account, message, input.id);
  }

  /** Messages the account sent, one per id (what the recipient's chat shows). */
  get received(): readonly ReceivedMessage[] {
    return this.messaging.received;
  }

  /** Every copy that reached a contact, resends of the same id included. */
  get receivedCopies(): readonly ReceivedMessage[] {
    return this.messaging.receivedCopies;
  }

  get activity(): AccountActivity {
    return this.switchboard.activity;
  }

  /** Anything that went wrong on the stand-in's side (undecryptable stanzas, client nacks, protocol errors). */
  get errors(): readonly string[] {
    return [...this.messaging.errors, ...this.switchboard.errors];
  }

  /** IQs the stand-in answered with an empty result because it has no model for them. */
  get unhandledIqs(): readonly BinaryNode[] {
    return this.switchboard.unhandled;
  }

  waitForMessage(predicate: (m: ReceivedMessage) => boolean, timeoutMs = 2_000): Promise<ReceivedMessage> {
    const existing = this.messaging.received.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.messaging.onReceived((m) => {
        if (!predicate(m)) return;
        clearTimeout(timer);
        stop();
        resolve(m);
      });
    });
  }

  /** The contact `to` reports delivery or reading of message `id` (sent to every online device of the sender). */
  sendReceipt({ id, to, type }: { id: string; to: string; type: ReceiptType }): void {
    this.messaging.sendReceipt(to, id, type);
  }

  /** Ends the account's sessions the way WhatsApp does for `reason` (loggedOut also unlinks the devices). */
  disconnect(phone: string, reason: StandInDisconnect, device?: number): void {
    for (const conn of this.switchboard.connectionsOf(phone, device)) {
      if (reason === "connectionClosed") conn.close();
      else if (reason === "connectionLost") conn.blackholed = true;
      else conn.send(STREAM_ERRORS[reason]!);
    }
    if (reason === "loggedOut") this.switchboard.unlink(phone, device);
  }

  isOnline(phone: string, device?: number): boolean {
    return this.switchboard.connectionsOf(phone, device).length > 0;
  }

  /** Linked devices the server knows for the account (the phone itself is device 0 and not listed). */
  devices(phone: string): { device: number; online: boolean }[] {
    const account = this.directory.accounts.get(phone);
    return [...(account?.devices.values() ?? [])].map((d) => ({
      device: d.device,
      online: this.isOnline(phone, d.device),
    }));
  }

  waitUntilOnline(phone: string, timeoutMs = 2_000): Promise<void> {
    return this.switchboard.waitFor(() => this.isOnline(phone), timeoutMs, `${phone} online`);
  }

  async close(): Promise<void> {
    this.messaging.close();
    this.switchboard.close();
    await this.server?.stop(true);
    this.unmute?.();
  }
}

export const startWaStandIn = async (options: WaStandInOptions = {}): Promise<WaStandIn> =>
  new WaStandIn(options).listen();
