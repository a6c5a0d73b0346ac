import { DurableObject } from "cloudflare:workers";
import { openDb } from "../workers/db/client";
import type { DbHandle } from "../workers/db/client";
import { createLogger, describeError } from "../workers/lib/logger";
import type { ProviderEvent } from "../workers/messaging/channel-adapter";
import { type XTokens, listDmEvents, tokenRequest, xConfig } from "../workers/messaging/channels/x-api.http";
import { loadXTokens, markXAccountDisconnected, saveXTokens } from "../workers/messaging/x-accounts.service";
import { ingestProviderEvents } from "../workers/messaging/webhook-ingest";

export interface XAccountIdentity {
  workspaceId: string;
  accountId: string;
  /** The account's own X user id: events it sent are our own sends. */
  xUserId: string;
}

export type TokenAnswer =
  | { ok: true; token: string }
  | { ok: false; code: "token_invalid" | "x_unavailable" | "not_connected"; message: string };

/** A token this close to its expiry is refreshed before use. */
const REFRESH_MARGIN_MS = 60_000;
/** One poll reads at most this many pages (100 events each); the rest waits for the next alarm. */
const MAX_PAGES = 10;
export const X_REVOKED_REASON = "X access was revoked; reconnect the X account.";

/**
 * One X account (named by its channel account id). It owns the account's OAuth tokens: X rotates the refresh
 * token on every refresh and the old one stops working at once, so two refreshes racing would disconnect the
 * account — here they are serialised, and the new pair is sealed into Postgres before anyone uses it. Tokens stay
 * in memory only (never in this object's storage, which is not encrypted by us). Its alarm polls the account's DM
 * events (X webhooks need an enterprise tier), newest first, down to the newest event it already saw.
 */
export class XAccount extends DurableObject<Env> {
  #handle: DbHandle | undefined;
  #tokens: XTokens | undefined;
  /** The object interleaves calls at every await: refreshes (and polls) must still run one at a time. */
  #tokenTurns = new Turns();
  #pollTurns = new Turns();

  #db() {
    this.#handle ??= openDb(this.env.HYPERDRIVE.connectionString, { max: 1 });
    return this.#handle.db;
  }

  #identity(): XAccountIdentity | undefined {
    if (this.ctx.storage.kv.get<boolean>("stopped")) return undefined;
    return this.ctx.storage.kv.get<XAccountIdentity>("identity");
  }

  /** (Re)connected: fresh tokens were just sealed by the callback; poll every interval from now on. */
  async start(identity: XAccountIdentity): Promise<void> {
    this.ctx.storage.kv.put("identity", identity);
    this.ctx.storage.kv.delete("stopped");
    this.#tokens = undefined;
    await this.ctx.storage.setAlarm(Date.now() + this.#intervalMs());
  }

  /** Stops polling and forgets the tokens (the account was disconnected or removed). */
  async stop(): Promise<void> {
    this.ctx.storage.kv.put("stopped", true);
    this.#tokens = undefined;
    await this.ctx.storage.deleteAlarm();
  }

  /**
   * A valid access token. `rejected`: X just answered 401 to this token, so it is refreshed even if it looks
   * valid — unless another caller refreshed it meanwhile, in which case the newer token is returned.
   */
  accessToken(rejected?: string): Promise<TokenAnswer> {
    return this.#tokenTurns.run(() => this.#accessToken(rejected));
  }

  async #accessToken(rejected: string | undefined): Promise<TokenAnswer> {
    const identity = this.#identity();
    if (!identity) return { ok: false, code: "not_connected", message: "This X account is not connected." };
    this.#tokens ??= await loadXTokens(this.#db(), this.env, identity.workspaceId, identity.accountId);
    const tokens = this.#tokens;
    if (!tokens) return { ok: false, code: "not_connected", message: "This X account has no stored tokens." };
    const stale = rejected ? tokens.accessToken === rejected : false;
    if (!stale && tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS) return { ok: true, token: tokens.accessToken };
    try {
      const answer = await tokenRequest(xConfig(this.env), {
        grant_type: "refresh_token",
        refresh_token: tokens.refreshToken,
      });
      if (answer.ok) {
        this.#tokens = answer.data;
        await saveXTokens(this.#db(), this.env, identity.workspaceId, identity.accountId, answer.data);
        return { ok: true, token: answer.data.accessToken };
      }
      // 400 invalid_grant: this refresh token is spent or revoked. A 401 says our own client credentials are wrong
      // (X_CLIENT_SECRET): every account would be disconnected over one setting, so it is an outage instead.
      if (answer.status === 400) {
        await this.disconnect(X_REVOKED_REASON);
        return { ok: false, code: "token_invalid", message: X_REVOKED_REASON };
      }
      if (answer.status === 401) this.#log().error("x.refresh_unauthorized_client", { status: 401 });
      return { ok: false, code: "x_unavailable", message: `X refused to refresh the token (${answer.status}).` };
    } catch (err) {
      this.#log().warn("x.refresh_failed", describeError(err));
      return { ok: false, code: "x_unavailable", message: "X could not be reached to refresh the token." };
    }
  }

  /** X no longer accepts this account's tokens: stop, and mark the account disconnected with the reason. */
  async disconnect(reason: string): Promise<void> {
    const identity = this.ctx.storage.kv.get<XAccountIdentity>("identity");
    await this.stop();
    if (identity)
      await markXAccountDisconnected(this.#db(), this.env, identity.workspaceId, identity.accountId, reason);
  }

  /** One poll now (the alarm's work; tests call it directly). Returns how many new events were handed on. */
  pollNow(): Promise<{ accepted: number; nextAt: number | null }> {
    return this.#pollTurns.run(() => this.#poll());
  }

  async alarm(): Promise<void> {
    let nextAt: number | null = null;
    try {
      nextAt = (await this.pollNow()).nextAt;
    } catch (err) {
      this.#log().warn("x.poll_failed", describeError(err));
      nextAt = Date.now() + this.#intervalMs();
    }
    if (nextAt !== null && this.#identity()) await this.ctx.storage.setAlarm(nextAt);
  }

  #intervalMs(): number {
    return Math.max(1, Number(this.env.X_POLL_INTERVAL_SECONDS) || 60) * 1000;
  }

  #log() {
    return createLogger({ xAccount: this.ctx.id.toString() });
  }

  async #poll(): Promise<{ accepted: number; nextAt: number | null }> {
    const identity = this.#identity();
    if (!identity) return { accepted: 0, nextAt: null };
    const interval = Date.now() + this.#intervalMs();
    let nextAt = interval;
    let token = await this.accessToken();
    if (!token.ok) return { accepted: 0, nextAt: token.code === "x_unavailable" ? nextAt : null };

    const cursor = this.ctx.storage.kv.get<string>("cursor");
    const config = xConfig(this.env);
    const events: ProviderEvent[] = [];
    let newest: string | undefined;
    let complete = false;
    let retried401 = false;
    let pageToken: string | undefined;
    let page = 0;
    while (page < MAX_PAGES) {
      const answer = await listDmEvents(config, token.token, pageToken);
      // Spent or refused for the window: the next poll waits for X's reset.
      if (answer.rate.remaining === 0 || answer.status === 429)
        nextAt = Math.max(nextAt, (answer.rate.resetAt ?? 0) * 1000 + 1000);
      if (!answer.ok) {
        if (answer.status === 401 && !retried401) {
          retried401 = true;
          token = await this.accessToken(token.token);
          if (!token.ok) return { accepted: 0, nextAt: token.code === "x_unavailable" ? nextAt : null };
          continue;
        }
        break;
      }
      page++;
      const users = new Map((answer.data.includes?.users ?? []).map((u) => [u.id, u]));
      for (const e of answer.data.data ?? []) {
        if (cursor && BigInt(e.id) <= BigInt(cursor)) {
          complete = true;
          break;
        }
        if (!newest || BigInt(e.id) > BigInt(newest)) newest = e.id;
        const message = toProviderEvent(e, identity, users);
        if (message) events.push(message);
      }
      pageToken = answer.data.meta?.next_token;
      if (complete || !pageToken) {
        complete = true;
        break;
      }
      if (answer.rate.remaining === 0) break;
    }
    // A first poll of a busy account (or a burst over MAX_PAGES pages in one interval): the older events are left
    // behind rather than re-read on every poll.
    const truncated = !complete && page >= MAX_PAGES;
    if (truncated) this.#log().warn("x.poll_truncated", { pages: page });
    // Oldest first, as the conversation reads them.
    events.reverse();
    const accepted = events.length > 0 ? (await ingestProviderEvents(this.#db(), this.env, "x", events)).accepted : 0;
    // Whoever polled (the alarm or a direct call), the next alarm waits for X's reset.
    if (nextAt > interval) await this.ctx.storage.setAlarm(nextAt);
    // A poll that read down to the last one seen (or gave up on older history) moves the cursor; one stopped by an
    // error or X's limit pages again next time (event ids make the repeats harmless).
    if ((complete || truncated) && newest && (!cursor || BigInt(newest) > BigInt(cursor)))
      this.ctx.storage.kv.put("cursor", newest);
    return { accepted, nextAt };
  }
}

/** Runs each function after every earlier one has settled. */
class Turns {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const turn = this.#tail.then(fn, fn);
    this.#tail = turn.catch(() => {});
    return turn;
  }
}

function toProviderEvent(
  e: {
    id: string;
    event_type: string;
    text?: string;
    sender_id?: string;
    dm_conversation_id?: string;
    created_at?: string;
  },
  identity: XAccountIdentity,
  users: Map<string, { name: string; username: string }>,
): ProviderEvent | undefined {
  // Our own sends come back in the account's DM events: they are already in the conversation.
  if (e.event_type !== "MessageCreate" || !e.sender_id || e.sender_id === identity.xUserId) return undefined;
  const sender = users.get(e.sender_id);
  return {
    kind: "message",
    eventId: e.id,
    accountExternalId: identity.xUserId,
    providerMessageId: e.id,
    from: { handle: e.sender_id, ...(sender?.name ? { name: sender.name } : {}) },
    body: e.text ?? "",
    media: [],
    at: e.created_at && !Number.isNaN(Date.parse(e.created_at)) ? e.created_at : new Date().toISOString(),
    ...(e.dm_conversation_id ? { threadId: e.dm_conversation_id } : {}),
  };
}
