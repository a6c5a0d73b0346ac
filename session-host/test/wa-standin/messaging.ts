import { randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { type BinaryNode, getBinaryNodeChild, getBinaryNodeChildren, proto } from "@whiskeysockets/baileys";
import type { Account, Contact, Directory, LinkedDevice } from "./directory.ts";
import { lidJid, pnJid } from "./directory.ts";
import type { EncType, PeerAddress, SignalPeer } from "./signal-peer.ts";
import { signalBundle, takeBundle } from "./usync.ts";

/** A message the account sent and a contact decrypted. */
export type ReceivedMessage = { id: string; from: string; to: string; text: string; at: Date; message: proto.IMessage };

export type ReceiptType = "delivery" | "read";

export type MessagingOptions = {
  /** how inbound 1:1 messages are addressed: by phone number (with sender_lid) or by LID (with sender_pn) */
  addressing: "pn" | "lid";
  /** ms after decryption until the contact's phone reports delivery; null: never on its own */
  deliveryAfterMs: number | null;
  /** ms after decryption until the contact reads the message; null: only via sendReceipt */
  readAfterMs: number | null;
};

/** How messaging reaches devices: straight away when online, else from the offline queue at next login. */
export type Delivery = {
  toDevice(device: LinkedDevice, node: BinaryNode): void;
  toOnlineDevices(account: Account, node: BinaryNode): void;
};

const now = () => String(Math.floor(Date.now() / 1000));
export const newMessageId = () => `3EB0${randomBytes(9).toString("hex").toUpperCase()}`;

/** Text of the message kinds a lead-gen session sends (plain and extended text, captions). */
const textOf = (m: proto.IMessage): string =>
  m.conversation ?? m.extendedTextMessage?.text ?? m.imageMessage?.caption ?? m.videoMessage?.caption ?? "";

/** Contacts' side of 1:1 messaging: decrypts what the account sends, encrypts what contacts send. */
export class Messaging {
  /** one entry per message id, in arrival order, as a recipient's chat shows it */
  readonly received: ReceivedMessage[] = [];
  /** every copy that arrived, resends included */
  readonly receivedCopies: ReceivedMessage[] = [];
  readonly errors: string[] = [];
  private readonly receiptJids = new Map<string, { jid: string; account: Account }>();
  private readonly listeners = new Set<(m: ReceivedMessage) => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly directory: Directory,
    private readonly delivery: Delivery,
    private readonly options: MessagingOptions,
  ) {}

  /** A `<message>` from a linked device: every `<to>` addressed to a contact is decrypted by that contact. */
  async onOutgoing(account: Account, senderDevice: number, node: BinaryNode, ack: (n: BinaryNode) => void) {
    const id = node.attrs.id!;
    ack({ tag: "ack", attrs: { class: "message", id, from: node.attrs.to!, t: now() } });
    const targets = getBinaryNodeChildren(getBinaryNodeChild(node, "participants"), "to").map((to) => ({
      jid: to.attrs.jid!,
      enc: getBinaryNodeChild(to, "enc"),
    }));
    if (!targets.length) targets.push({ jid: node.attrs.to!, enc: getBinaryNodeChild(node, "enc") });
    const sender = { phone: account.phone, device: senderDevice };
    for (const { jid, enc } of targets) {
      const found = this.directory.resolve(jid);
      // copies for the account's own devices (and other accounts) are not the contacts' business
      if (found?.party.kind !== "contact" || !(enc?.content instanceof Uint8Array)) continue;
      await this.receive(found.party.contact, account, sender, id, jid, enc);
    }
  }

  private async receive(
    contact: Contact,
    account: Account,
    sender: PeerAddress,
    id: string,
    jid: string,
    enc: BinaryNode,
  ) {
    let message: proto.Message;
    try {
      message = await contact.peer.decryptMessage(sender, enc.attrs.type as EncType, enc.content as Uint8Array);
    } catch (error) {
      this.errors.push(`contact ${contact.phone} could not decrypt ${id}: ${String(error)}`);
      return;
    }
    const entry = { id, from: account.phone, to: contact.phone, text: textOf(message), at: new Date(), message };
    this.receivedCopies.push(entry);
    const isNew = !this.received.some((m) => m.id === id && m.to === contact.phone);
    if (isNew) this.received.push(entry);
    this.receiptJids.set(`${contact.phone}/${id}`, { jid: jid.replace(/:\d+@/, "@"), account });
    const { deliveryAfterMs, readAfterMs } = this.options;
    if (deliveryAfterMs !== null) this.later(deliveryAfterMs, () => this.sendReceipt(contact.phone, id, "delivery"));
    if (isNew && readAfterMs !== null) this.later(readAfterMs, () => this.sendReceipt(contact.phone, id, "read"));
    if (isNew) for (const listener of this.listeners) listener(entry);
  }

  /** The contact's phone reports delivery or reading of a message the account sent it. */
  sendReceipt(contactPhone: string, id: string, type: ReceiptType): void {
    const target = this.receiptJids.get(`${contactPhone}/${id}`);
    if (!target) throw new Error(`contact ${contactPhone} never received message ${id}`);
    const attrs: Record<string, string> = { from: target.jid, id, t: now() };
    if (type === "read") attrs.type = "read";
    this.delivery.toOnlineDevices(target.account, { tag: "receipt", attrs });
  }

  onReceived(listener: (m: ReceivedMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A contact writes to the account: one Signal-encrypted copy per linked device, as the contact's phone does. */
  async sendInbound(contact: Contact, account: Account, message: proto.IMessage, id = newMessageId()) {
    const addressing: Record<string, string> =
      this.options.addressing === "lid"
        ? { from: lidJid(contact.lid), sender_pn: pnJid(contact.phone), addressing_mode: "lid" }
        : { from: pnJid(contact.phone), sender_lid: lidJid(contact.lid) };
    for (const device of account.devices.values()) {
      const enc = await this.encryptFor(contact.peer, account, device, message);
      this.delivery.toDevice(device, {
        tag: "message",
        attrs: { ...addressing, id, t: now(), type: "text", notify: contact.name },
        content: [enc],
      });
    }
    return { id };
  }

  /** The account's phone pushes an (empty) initial history sync, which also tells the device its push name. */
  async pushHistory(account: Account, device: LinkedDevice) {
    const type = proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP;
    const payload = deflateSync(proto.HistorySync.encode({ syncType: type, conversations: [] }).finish());
    const message: proto.IMessage = {
      protocolMessage: {
        type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
        historySyncNotification: { syncType: type, progress: 100, initialHistBootstrapInlinePayload: payload },
      },
    };
    const enc = await this.encryptFor(account.phonePeer, account, device, message);
    this.delivery.toDevice(device, {
      tag: "message",
      attrs: {
        from: pnJid(account.phone),
        id: newMessageId(),
        t: now(),
        type: "text",
        category: "peer",
        notify: account.pushName,
      },
      content: [enc],
    });
  }

  private async encryptFor(peer: SignalPeer, account: Account, device: LinkedDevice, message: proto.IMessage) {
    const address = { phone: account.phone, device: device.device };
    if (!peer.hasSession(address)) {
      const bundle = takeBundle(this.directory, pnJid(account.phone, device.device));
      if (!bundle) throw new Error(`no pre-key bundle for ${account.phone}:${device.device}`);
      await peer.startSession(address, signalBundle(bundle));
    }
    const { type, ciphertext } = await peer.encryptMessage(address, message);
    return { tag: "enc", attrs: { v: "2", type }, content: ciphertext } satisfies BinaryNode;
  }

  private later(ms: number, task: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    this.timers.add(timer);
  }

  close() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
