// One LinkedIn login kept alive (decision 020): the rep's cookie session, checked against LinkedIn on start,
// inbound messages polled with a cursor, and one message at a time sent to a 1st-degree connection when the
// send loop's pacing lets it go. LinkedIn has no socket: "open" means the last call with the cookie worked.
import type { Logger } from "../ops/logger";
import type { AuthStateStore } from "../store/auth-state.store";
import type { OutboundRow } from "../store/outbound.repo";
import { PermanentSendError, type RuntimeHooks, type SessionDriver } from "./session-driver";
import { type MessagingMember, urnId, VoyagerClient, VoyagerError } from "./linkedin-voyager.http";

export const LINKEDIN_COOKIE = "linkedin-cookie";
const CURSOR = "linkedin-cursor";
/** How far back the first poll of a new session looks: the rep's older inbox is not imported. */
const FIRST_LOOKBACK_MS = 10 * 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;

export const CHECKPOINT_REASON =
  "LinkedIn asks for a security check on this account. Open linkedin.com in the browser you copied the cookie from, complete the check, then connect again with a fresh li_at cookie.";
export const LOGGED_OUT_REASON =
  "LinkedIn no longer accepts this session (the li_at cookie expired, was revoked, or you signed out). Connect again with a fresh cookie.";

export interface LinkedinOptions {
  apiUrl: string;
  pollMs: number;
}

/** `linkedin.com/in/<slug>` (lead-identity's normal form) from any LinkedIn profile URL, else null. */
export function linkedinProfilePath(value: string): string | null {
  const match = /(?:^|[\s/.])linkedin\.com\/in\/([^/?#\s]+)/i.exec(value.trim());
  if (!match) return null;
  let slug = match[1]!;
  try {
    slug = decodeURIComponent(slug);
  } catch {}
  return /^[\p{L}\p{N}_-]{3,100}$/u.test(slug) ? `linkedin.com/in/${slug.toLowerCase()}` : null;
}

const displayName = (m: MessagingMember) => [m.firstName, m.lastName].filter(Boolean).join(" ").trim() || null;

export class LinkedinSession implements SessionDriver {
  readonly channel = "linkedin" as const;
  private client: VoyagerClient | undefined;
  private me: MessagingMember | undefined;
  private stopped = false;
  private open = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private cursor = 0;

  constructor(
    readonly id: string,
    private readonly deps: { auth: AuthStateStore; logger: Logger; hooks: RuntimeHooks; options: LinkedinOptions },
  ) {}

  get ready(): boolean {
    return this.open && !this.stopped;
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    const cookie = (await this.deps.auth.loadSecret(this.id, LINKEDIN_COOKIE)) as
      | { liAt: string; jsessionId: string }
      | undefined;
    if (!cookie) {
      this.stopped = true;
      await this.deps.hooks.status("logged_out", { reason: LOGGED_OUT_REASON });
      return;
    }
    this.client = new VoyagerClient(this.deps.options.apiUrl, cookie);
    this.cursor = Number((await this.deps.auth.loadSecret(this.id, CURSOR)) ?? Date.now() - FIRST_LOOKBACK_MS);
    await this.connect();
  }

  private async connect(): Promise<void> {
    try {
      this.me = await this.client!.me();
      this.open = true;
      this.failures = 0;
      await this.deps.hooks.status("open", { reason: null });
      await this.poll();
    } catch (error) {
      await this.onError(error, "connect");
    }
  }

  /** Logged out and checkpoint end the session (a person must act); anything else retries with backoff. */
  private async onError(error: unknown, during: "connect" | "poll" | "send"): Promise<void> {
    if (this.stopped) return;
    const kind = error instanceof VoyagerError ? error.kind : "unavailable";
    this.deps.logger.warn("linkedin call failed", { session: this.id, during, kind });
    if (kind === "logged_out" || kind === "checkpoint") {
      this.stopped = true;
      this.open = false;
      clearTimeout(this.timer);
      if (kind === "logged_out") await this.deps.auth.wipe(this.id);
      await this.deps.hooks.status(kind, { reason: kind === "logged_out" ? LOGGED_OUT_REASON : CHECKPOINT_REASON });
      return;
    }
    if (during === "send") return;
    const retryAfterMs = error instanceof VoyagerError && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 0;
    const backoff = Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** this.failures++);
    const delay = Math.max(retryAfterMs, backoff, during === "poll" ? this.deps.options.pollMs : 0);
    if (during === "connect") {
      const reason = kind === "rate_limited" ? "LinkedIn is rate-limiting this session; retrying" : "Reconnecting";
      await this.deps.hooks.status("connecting", { reason });
      this.schedule(() => this.connect(), delay);
    } else this.schedule(() => this.poll(), delay);
  }

  private schedule(run: () => Promise<void>, ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void run().catch((e) => this.deps.logger.error("linkedin", { e: String(e) })), ms);
  }

  /** New messages from others since the cursor, oldest first; the Worker drops any it has already. */
  private async poll(): Promise<void> {
    if (this.stopped || !this.client || !this.me) return;
    try {
      const since = this.cursor;
      const active = (await this.client.conversations()).filter((c) => c.lastActivityAt > since);
      const fresh = [];
      for (const c of active)
        for (const m of await this.client.messages(c.id))
          if (m.at > since && urnId(m.from.entityUrn) !== urnId(this.me.entityUrn)) fresh.push(m);
      fresh.sort((a, b) => a.at - b.at);
      for (const m of fresh) {
        const path = linkedinProfilePath(`linkedin.com/in/${m.from.publicIdentifier}`);
        if (!path) continue;
        await this.deps.hooks.inbound({
          providerMessageId: m.id,
          jid: path,
          phone: null,
          name: displayName(m.from),
          text: m.text,
          at: new Date(m.at),
        });
      }
      const newest = Math.max(since, ...active.map((c) => c.lastActivityAt));
      if (newest > since) {
        this.cursor = newest;
        await this.deps.auth.saveSecret(this.id, CURSOR, newest);
      }
      this.failures = 0;
      this.schedule(() => this.poll(), this.deps.options.pollMs);
    } catch (error) {
      await this.onError(error, "poll");
    }
  }

  async deliver(row: OutboundRow, typingMs: number): Promise<void> {
    const client = this.client;
    const text = row.content?.text;
    if (!this.ready || !client) throw new Error("not connected");
    if (!text) throw new PermanentSendError("media_unsupported", "LinkedIn messages here carry text only.");
    const publicId = row.recipient.slice("linkedin.com/in/".length);
    try {
      const distance = await client.distance(publicId);
      // An answer we could not read says nothing about the person: try again later rather than fall back.
      if (distance === "UNKNOWN") throw new Error("LinkedIn's network-distance answer was not understood");
      // Member-to-member messages reach 1st-degree connections only; InMail is not sent from here.
      if (distance !== "DISTANCE_1")
        throw new PermanentSendError("not_connected", "This person is not a 1st-degree LinkedIn connection of yours.");
      const profileId = await client.profileId(publicId);
      await new Promise((r) => setTimeout(r, typingMs));
      // Stopped while "typing" (the lease went to another host, or the rep logged out): the message is not ours
      // to send any more; it stays queued for whoever holds the session now.
      if (!this.ready) throw new Error("the session stopped before the message went out");
      await client.sendMessage(profileId, text, row.id);
    } catch (error) {
      if (error instanceof VoyagerError) {
        if (error.kind === "not_found")
          throw new PermanentSendError("recipient_not_found", "LinkedIn has no profile at this address.");
        // LinkedIn refuses a member-to-member message to someone outside the network with a 422. A 403 without
        // CSRF words explains nothing (LinkedIn answers it for throttling and anti-automation too): tried again.
        if (error.kind === "refused" && error.statusCode === 422)
          throw new PermanentSendError("not_connected", "LinkedIn refused the message: not a 1st-degree connection.");
        await this.onError(error, "send");
        throw Object.assign(new Error(error.message), { statusCode: error.statusCode });
      }
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.open = false;
    clearTimeout(this.timer);
  }

  /** Forgets the cookie. Not a LinkedIn log-out: that would sign the rep out of their own browser too. */
  async logout(): Promise<void> {
    await this.stop();
    await this.deps.auth.wipe(this.id);
  }
}
