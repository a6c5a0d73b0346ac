import { type BinaryNode, binaryNodeToString, getAllBinaryNodeChildren, type proto } from "@whiskeysockets/baileys";
import type { ClientConnection, ConnectionHandler } from "./connection.ts";
import { type Account, type Directory, type LinkedDevice, lidJid, partyPhone } from "./directory.ts";
import { answerIq, type IqContext } from "./iq-handlers.ts";
import type { Messaging } from "./messaging.ts";
import { pairDeviceNode, type Registration, registrationFromPayload } from "./pairing.ts";
import { LinkCodePairing } from "./pairing-code.ts";

/** What the account's devices did that a contact or WhatsApp would notice. */
export type AccountActivity = {
  /** receipts the account sent for messages it got (delivery has no type; "read", "read-self", "peer_msg"…) */
  receipts: { id: string; from: string; to: string; type: string; at: Date }[];
  /** typing indicators: composing, paused, recording */
  chatStates: { from: string; to: string; state: string; at: Date }[];
  /** presence broadcasts: available / unavailable */
  presences: { from: string; type: string; at: Date }[];
};

const now = () => String(Math.floor(Date.now() / 1000));
/** a receipt without type, or "inactive" (sent while the account shows offline), both mean delivered */
const deliveryType = (type?: string) => (!type || type === "inactive" ? "delivery" : type);
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Routes every client connection: handshake outcome (pairing or login), IQs, messages, receipts, presence. */
export class Switchboard implements ConnectionHandler {
  readonly connections = new Set<ClientConnection>();
  readonly registrations = new Map<ClientConnection, Registration>();
  readonly activity: AccountActivity = { receipts: [], chatStates: [], presences: [] };
  readonly errors: string[] = [];
  readonly unhandled: BinaryNode[] = [];
  readonly linkCode = new LinkCodePairing();
  private readonly iq: IqContext;
  private readonly closers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly directory: Directory,
    private readonly messaging: Messaging,
    private readonly options: { history: boolean },
  ) {
    this.iq = {
      directory,
      linkCode: this.linkCode,
      deviceOf: (conn) => this.deviceOf(conn),
      onActive: (conn) => void this.flushOffline(conn),
      onLogout: (conn) => conn.phone && this.unlink(conn.phone, conn.device),
      unhandled: this.unhandled,
    };
  }

  async onLogin(conn: ClientConnection, payload: proto.ClientPayload): Promise<void> {
    if (payload.username === null || payload.username === undefined) {
      const registration = registrationFromPayload(payload, conn.noiseKey);
      if (!registration) return this.fail(conn, 400);
      this.registrations.set(conn, registration);
      // not awaited: the answer arrives through this connection's inbox, which is busy running this handler
      void conn.query(pairDeviceNode(registration.refs)).catch((e) => this.errors.push(String(e)));
      return;
    }
    const phone = String(payload.username);
    const device = this.directory.accounts.get(phone)?.devices.get(payload.device ?? 0);
    // WhatsApp authenticates the device by the noise key it registered with
    if (!device || !sameBytes(device.noiseKey, conn.noiseKey)) return this.fail(conn, 401);
    for (const other of this.connectionsOf(phone, device.device)) {
      other.send({ tag: "stream:error", attrs: {}, content: [{ tag: "conflict", attrs: { type: "replaced" } }] });
      this.closeSoon(other);
    }
    conn.phone = phone;
    conn.device = device.device;
    const account = this.directory.accounts.get(phone)!;
    conn.send({
      tag: "success",
      attrs: { t: now(), props: "1", abprops: "1", location: "standin", lid: lidJid(account.lid, device.device) },
    });
  }

  async onNode(conn: ClientConnection, node: BinaryNode): Promise<void> {
    const account = conn.phone ? this.directory.accounts.get(conn.phone) : undefined;
    switch (node.tag) {
      case "iq":
        if (node.attrs.type === "get" || node.attrs.type === "set") conn.send(answerIq(this.iq, conn, node));
        return;
      case "message":
        if (account && conn.device !== undefined) {
          await this.messaging.onOutgoing(account, conn.device, node, (ack) => conn.send(ack));
        }
        return;
      case "receipt":
        this.onReceipt(conn, node);
        return;
      case "ack":
        if (node.attrs.error)
          this.errors.push(`client nacked ${node.attrs.class} ${node.attrs.id}: ${node.attrs.error}`);
        return;
      case "presence":
        this.onPresence(conn, node);
        return;
      case "chatstate": {
        const [state] = getAllBinaryNodeChildren(node);
        const to = this.directory.resolve(node.attrs.to ?? "");
        if (!conn.phone || !state || !to) return;
        const name = state.attrs.media === "audio" ? "recording" : state.tag;
        this.activity.chatStates.push({ from: conn.phone, to: partyPhone(to.party), state: name, at: new Date() });
        return;
      }
      case "ib":
        return;
      default:
        this.errors.push(`unexpected stanza ${binaryNodeToString(node)}`);
    }
  }

  onClose(conn: ClientConnection): void {
    conn.closed = true;
    this.connections.delete(conn);
    this.registrations.delete(conn);
  }

  onError(conn: ClientConnection, error: unknown): void {
    this.errors.push(`connection ${conn.id}: ${error instanceof Error ? error.stack : String(error)}`);
  }

  /** Logged-in, open connections of an account (optionally of one device). */
  connectionsOf(phone: string, device?: number): ClientConnection[] {
    return [...this.connections].filter(
      (c) => !c.closed && c.phone === phone && (device === undefined || c.device === device),
    );
  }

  registrationFor(ref: string, noiseKey: Uint8Array) {
    for (const [conn, registration] of this.registrations) {
      if (registration.refs.includes(ref) && sameBytes(registration.noiseKey, noiseKey)) return { conn, registration };
    }
    throw new Error("no connected client is showing this QR");
  }

  deliver(device: LinkedDevice, node: BinaryNode): void {
    const [conn] = this.connectionsOf(device.phone, device.device);
    if (conn && !conn.blackholed) conn.send(node);
    else device.offline.push({ ...node, attrs: { ...node.attrs, offline: "1" } });
  }

  broadcast(account: Account, node: BinaryNode): void {
    for (const conn of this.connectionsOf(account.phone)) conn.send(node);
  }

  /** Forgets linked devices: their next login fails with 401 like on WhatsApp. */
  unlink(phone: string, device?: number): void {
    const account = this.directory.accounts.get(phone);
    if (!account) return;
    for (const id of [...account.devices.keys()]) if (device === undefined || id === device) account.devices.delete(id);
  }

  waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const poll = () => {
        if (condition()) return resolve();
        if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
        setTimeout(poll, 5);
      };
      poll();
    });
  }

  close(): void {
    for (const timer of this.closers) clearTimeout(timer);
    for (const conn of this.connections) conn.close();
    this.connections.clear();
  }

  private deviceOf(conn: ClientConnection): LinkedDevice | undefined {
    if (!conn.phone || conn.device === undefined) return undefined;
    return this.directory.accounts.get(conn.phone)?.devices.get(conn.device);
  }

  /** After `passive active`: the offline queue, the end-of-offline marker, then (once) the phone's history push. */
  private async flushOffline(conn: ClientConnection) {
    const device = this.deviceOf(conn);
    if (!device) return;
    const queued = device.offline.splice(0);
    for (const node of queued) conn.send(node);
    conn.send({
      tag: "ib",
      attrs: { from: "s.whatsapp.net" },
      content: [{ tag: "offline", attrs: { count: String(queued.length) } }],
    });
    if (!device.historySent && this.options.history) {
      device.historySent = true;
      const account = this.directory.accounts.get(device.phone)!;
      await this.messaging.pushHistory(account, device).catch((e) => this.errors.push(String(e)));
    }
  }

  private onReceipt(conn: ClientConnection, node: BinaryNode) {
    const { id, to, type } = node.attrs;
    const target = this.directory.resolve(to ?? "");
    if (conn.phone && id && target) {
      const ids = [
        id,
        ...getAllBinaryNodeChildren(node).flatMap((list) => getAllBinaryNodeChildren(list).map((i) => i.attrs.id!)),
      ];
      for (const each of ids) {
        this.activity.receipts.push({
          id: each,
          from: conn.phone,
          to: partyPhone(target.party),
          type: deliveryType(type),
          at: new Date(),
        });
      }
    }
    conn.send({
      tag: "ack",
      attrs: { id: id!, class: "receipt", from: to ?? "s.whatsapp.net", ...(type ? { type } : {}) },
    });
  }

  private onPresence(conn: ClientConnection, node: BinaryNode) {
    const { type, to, name } = node.attrs;
    const account = conn.phone ? this.directory.accounts.get(conn.phone) : undefined;
    if (!account) return;
    if (name) account.pushName = name;
    if (type === "subscribe" && to) {
      // WhatsApp answers a subscription with the contact's current presence
      conn.send({ tag: "presence", attrs: { from: to, type: "unavailable", last: now() } });
      return;
    }
    if (type) this.activity.presences.push({ from: account.phone, type, at: new Date() });
  }

  private fail(conn: ClientConnection, reason: number) {
    conn.send({ tag: "failure", attrs: { reason: String(reason), location: "standin" } });
    this.closeSoon(conn);
  }

  /** The client closes on stream errors itself; a server close racing its frame decoding would mask the reason. */
  private closeSoon(conn: ClientConnection) {
    const timer = setTimeout(() => {
      this.closers.delete(timer);
      conn.close();
    }, 1_000);
    this.closers.add(timer);
  }
}
