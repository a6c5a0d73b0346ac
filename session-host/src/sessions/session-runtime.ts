// One WhatsApp login kept alive: a Baileys socket on the stored auth state, rebuilt after every close as the
// close code says (close-policy.ts). Knows nothing of HTTP, leases or pacing; it reports through `hooks`.
import makeWASocket, {
  type AnyMessageContent,
  Browsers,
  type ConnectionState,
  isPnUser,
  jidDecode,
  makeCacheableSignalKeyStore,
  proto,
  type WAMessage,
  type WAMessageKey,
  type WASocket,
} from "@whiskeysockets/baileys";
import { baileysLogger, type Logger } from "../ops/logger";
import type { AuthStateStore } from "../store/auth-state.store";
import type { OutboundRow } from "../store/outbound.repo";
import { closeAction } from "./close-policy";
import type { RuntimeHooks, SessionDriver } from "./session-driver";

export type { InboundText, RuntimeHooks } from "./session-driver";

export interface RuntimeOptions {
  auth: AuthStateStore;
  logger: Logger;
  hooks: RuntimeHooks;
  waWebSocketUrl?: string;
  /** Unscanned QR rounds before the session gives up and asks the rep to connect again. */
  maxQrRounds?: number;
}

const RECEIPT: Partial<Record<number, "sent" | "delivered" | "read" | "failed">> = {
  [proto.WebMessageInfo.Status.ERROR]: "failed",
  [proto.WebMessageInfo.Status.SERVER_ACK]: "sent",
  [proto.WebMessageInfo.Status.DELIVERY_ACK]: "delivered",
  [proto.WebMessageInfo.Status.READ]: "read",
  [proto.WebMessageInfo.Status.PLAYED]: "read",
};

export function textOf(message: WAMessage): string | null {
  const m = message.message;
  if (!m) return null;
  return (
    m.conversation ??
    m.extendedTextMessage?.text ??
    m.imageMessage?.caption ??
    m.videoMessage?.caption ??
    m.documentMessage?.caption ??
    null
  );
}

/** The contact's phone digits when WhatsApp tells them (a LID address hides the number unless an alt is given). */
export function phoneOf(key: WAMessageKey): string | null {
  for (const jid of [key.remoteJid, key.remoteJidAlt]) if (jid && isPnUser(jid)) return jidDecode(jid)?.user ?? null;
  return null;
}

export function messageContent(content: NonNullable<OutboundRow["content"]>): AnyMessageContent {
  if (content.text !== undefined) return { text: content.text };
  const media = content.media!;
  const caption = media.caption ? { caption: media.caption } : {};
  if (media.type.startsWith("image/")) return { image: { url: media.url }, ...caption };
  if (media.type.startsWith("video/")) return { video: { url: media.url }, ...caption };
  if (media.type.startsWith("audio/")) return { audio: { url: media.url }, mimetype: media.type };
  return { document: { url: media.url }, mimetype: media.type, ...caption };
}

export class SessionRuntime implements SessionDriver {
  readonly channel = "whatsapp" as const;
  private sock: WASocket | undefined;
  private stopped = false;
  private wiped = false;
  private auth: Awaited<ReturnType<AuthStateStore["load"]>> | undefined;
  private readonly writes = new Set<Promise<void>>();
  private failures = 0;
  private qrRounds = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly lastInbound = new Map<string, WAMessageKey>();
  open = false;

  constructor(
    readonly id: string,
    private readonly opts: RuntimeOptions,
  ) {}

  get socket(): WASocket | undefined {
    return this.open ? this.sock : undefined;
  }

  get ready(): boolean {
    return this.socket !== undefined;
  }

  /** As a person would send it: the chat seen, typing for a time proportional to its length, then the message. */
  async deliver(row: OutboundRow, typingMs: number): Promise<void> {
    const sock = this.socket;
    if (!sock || !row.content) throw new Error("not connected");
    const seen = this.lastInboundFrom(row.recipient);
    if (seen) await sock.readMessages([seen]);
    await sock.sendPresenceUpdate("composing", row.recipient);
    await new Promise((r) => setTimeout(r, typingMs));
    await sock.sendPresenceUpdate("paused", row.recipient);
    await sock.sendMessage(row.recipient, messageContent(row.content), { messageId: row.wa_message_id });
  }

  /** The contact's latest message to us, so a reply can first mark it seen. */
  lastInboundFrom(jid: string): WAMessageKey | undefined {
    return this.lastInbound.get(jid);
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    // Loaded once: Baileys updates `creds` in place, and right after pairing WhatsApp asks for a restart while
    // the new creds may still be on their way to Postgres. Reading them back then would start over with a QR.
    this.auth ??= await this.opts.auth.load(this.id);
    const { state, saveCreds } = this.auth;
    const logger = baileysLogger(this.opts.logger);
    // Baileys may still write keys or creds while a logged-out socket winds down: nothing may outlive the wipe.
    const keys = {
      get: state.keys.get,
      set: (data: Parameters<typeof state.keys.set>[0]) =>
        this.write(async () => {
          await state.keys.set(data);
        }),
    };
    const save = () => this.write(saveCreds);
    const sock = makeWASocket({
      auth: { creds: state.creds, keys: makeCacheableSignalKeyStore(keys, logger) },
      logger,
      browser: Browsers.macOS("Desktop"),
      ...(this.opts.waWebSocketUrl ? { waWebSocketUrl: this.opts.waWebSocketUrl } : {}),
      // Not "online" on connect: the phone keeps its notifications, and an always-online bot is a ban signal.
      markOnlineOnConnect: false,
      syncFullHistory: false,
      shouldSyncHistoryMessage: () => false,
      generateHighQualityLinkPreview: false,
      getMessage: async () => undefined,
    });
    this.sock = sock;
    sock.ev.on("creds.update", () => void save().catch((e) => this.fail("saving credentials failed", e)));
    sock.ev.on(
      "connection.update",
      (u) => void this.onConnection(sock, u).catch((e) => this.fail("connection update", e)),
    );
    // Messages that arrived while no host ran the session come in on connect; the Worker drops any it has.
    sock.ev.on("messages.upsert", ({ messages }) => {
      for (const m of messages) {
        // A receipt that arrives right after our own send is folded into the upsert's status (no update event).
        const folded = m.key.fromMe && m.status != null ? RECEIPT[m.status] : undefined;
        if (folded && folded !== "sent" && m.key.id)
          void this.opts.hooks.receipt(m.key.id, folded).catch((e) => this.fail("receipt", e));
        else void this.onMessage(m).catch((e) => this.fail("inbound", e));
      }
    });
    sock.ev.on("messages.update", (updates) => {
      for (const { key, update } of updates) {
        const status = update.status == null ? undefined : RECEIPT[update.status];
        if (key.fromMe && key.id && status)
          void this.opts.hooks.receipt(key.id, status).catch((e) => this.fail("receipt", e));
      }
    });
  }

  private async onConnection(sock: WASocket, update: Partial<ConnectionState>): Promise<void> {
    if (sock !== this.sock) return;
    if (update.qr) {
      this.qrRounds++;
      await this.opts.hooks.status("qr", { qr: update.qr });
    }
    if (update.connection === "open") {
      this.open = true;
      this.failures = 0;
      this.qrRounds = 0;
      await this.opts.hooks.status("open", { phone: jidDecode(sock.user?.id)?.user ?? null });
    }
    if (update.connection !== "close") return;
    this.open = false;
    if (this.stopped) return;
    // Baileys closes with a Boom error whose statusCode is the close code.
    const code = (update.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    const action = closeAction(code, this.failures++);
    this.opts.logger.info("socket closed", { session: this.id, code, action: action.kind });
    if (action.kind === "logged_out") {
      this.stopped = true;
      await this.wipe();
      await this.opts.hooks.status("logged_out", { reason: action.reason });
    } else if (action.kind === "stop") {
      this.stopped = true;
      await this.opts.hooks.status(action.status, { reason: action.reason });
    } else if (!sock.authState.creds.me && this.qrRounds >= (this.opts.maxQrRounds ?? 3)) {
      this.stopped = true;
      await this.opts.hooks.status("failed", { reason: "The QR code was not scanned in time. Connect again." });
    } else {
      if (action.delayMs > 0) await this.opts.hooks.status("connecting", { reason: "Reconnecting" });
      this.reconnectTimer = setTimeout(() => void this.start().catch((e) => this.fail("reconnect", e)), action.delayMs);
    }
  }

  private async onMessage(message: WAMessage): Promise<void> {
    const { key } = message;
    const jid = key.remoteJid;
    // One-to-one chats only: groups, broadcasts and status updates are not conversations with a lead.
    if (key.fromMe || !key.id || !jid || !(isPnUser(jid) || jid.endsWith("@lid"))) return;
    const text = textOf(message);
    if (text === null) return;
    this.lastInbound.set(jid, key);
    if (this.lastInbound.size > 500) this.lastInbound.delete(this.lastInbound.keys().next().value!);
    const seconds = Number(message.messageTimestamp ?? 0);
    await this.opts.hooks.inbound({
      providerMessageId: key.id,
      jid,
      phone: phoneOf(key),
      name: message.pushName ?? null,
      text,
      at: seconds > 0 ? new Date(seconds * 1000) : new Date(),
    });
  }

  async requestPairingCode(phone: string): Promise<string> {
    if (!this.sock) throw new Error("session is not running");
    return this.sock.requestPairingCode(phone);
  }

  /** Closes the socket, keeping the login (lease lost, shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.open = false;
    this.sock?.end(undefined);
  }

  /** Logs the device out of WhatsApp and forgets the login. */
  async logout(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    if (this.open) await this.sock?.logout().catch(() => {});
    else this.sock?.end(undefined);
    this.open = false;
    await this.wipe();
  }

  /** A write to the stored login, refused once it is wiped and awaited by the wipe if already under way. */
  private async write(run: () => Promise<void>): Promise<void> {
    if (this.wiped) return;
    const pending = run();
    this.writes.add(pending);
    try {
      await pending;
    } finally {
      this.writes.delete(pending);
    }
  }

  private async wipe(): Promise<void> {
    this.wiped = true;
    await Promise.allSettled([...this.writes]);
    await this.opts.auth.wipe(this.id);
  }

  private fail(what: string, error: unknown): void {
    this.opts.logger.error(`${what} failed`, {
      session: this.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
