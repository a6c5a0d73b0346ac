import { DurableObject } from "cloudflare:workers";
import { openDb } from "../workers/db/client";
import type { DbHandle } from "../workers/db/client";
import { createLogger, describeError } from "../workers/lib/logger";
import type { ProviderEvent } from "../workers/messaging/channel-adapter";
import { ingestProviderEvents } from "../workers/messaging/webhook-ingest";
import { sandboxReply, sandboxTrigger } from "../workers/messaging/channels/sandbox-behaviour";

export interface SandboxAccept {
  idempotencyKey: string;
  accountExternalId: string;
  to: string;
  body: string;
}

export type SandboxAcceptResult =
  | { ok: true; providerMessageId: string; repeated: boolean }
  | { ok: false; code: string; message: string; retryable: boolean };

interface Accepted {
  providerMessageId: string;
  to: string;
  at: number;
}

interface Due {
  at: number;
  event: ProviderEvent;
}

/**
 * The Sandbox channel's "provider" (one per workspace): a simulated recipient that behaves like a real
 * messaging API, so the whole flow can be tried with nothing connected. Like a provider it accepts an
 * idempotency key once (a repeated send gets the first send's id and is not delivered again), then sends its
 * receipts (delivered, read) and, to a question, a reply — through the same ingest path as a signed webhook.
 */
export class SandboxProvider extends DurableObject<Env> {
  #handle: DbHandle | undefined;

  /** One connection for the object's lifetime (the driver closes it when idle and reopens it on use). */
  #db() {
    this.#handle ??= openDb(this.env.HYPERDRIVE.connectionString, { max: 1 });
    return this.#handle.db;
  }

  accept(send: SandboxAccept): SandboxAcceptResult {
    const known = this.ctx.storage.kv.get<Accepted>(`key:${send.idempotencyKey}`);
    if (known) return { ok: true, providerMessageId: known.providerMessageId, repeated: true };
    const attempts = (this.ctx.storage.kv.get<number>(`attempts:${send.idempotencyKey}`) ?? 0) + 1;
    this.ctx.storage.kv.put(`attempts:${send.idempotencyKey}`, attempts);
    const trigger = sandboxTrigger(send.body, attempts);
    if (trigger) return { ok: false, ...trigger };

    const providerMessageId = `sbx_${crypto.randomUUID()}`;
    const now = Date.now();
    this.ctx.storage.kv.put(`key:${send.idempotencyKey}`, {
      providerMessageId,
      to: send.to,
      at: now,
    } satisfies Accepted);
    this.ctx.storage.kv.put("deliveries", this.deliveries() + 1);
    const status = (status: "delivered" | "read", after: number): Due => ({
      at: now + after,
      event: {
        kind: "status",
        eventId: `${providerMessageId}:${status}`,
        accountExternalId: send.accountExternalId,
        providerMessageId,
        status,
        at: new Date(now + after).toISOString(),
      },
    });
    const due = [
      status("delivered", Number(this.env.SANDBOX_DELIVERED_AFTER_MS)),
      status("read", Number(this.env.SANDBOX_READ_AFTER_MS)),
    ];
    const reply = sandboxReply(send.body);
    if (reply !== null) {
      const at = now + Number(this.env.SANDBOX_REPLY_AFTER_MS);
      due.push({
        at,
        event: {
          kind: "message",
          eventId: `${providerMessageId}:reply`,
          accountExternalId: send.accountExternalId,
          providerMessageId: `sbx_in_${crypto.randomUUID()}`,
          from: { handle: send.to },
          body: reply,
          media: [],
          at: new Date(at).toISOString(),
        },
      });
    }
    this.#schedule(due);
    return { ok: true, providerMessageId, repeated: false };
  }

  /** How many sends this recipient actually received (repeats of a key not counted). */
  deliveries(): number {
    return this.ctx.storage.kv.get<number>("deliveries") ?? 0;
  }

  async alarm(): Promise<void> {
    const now = Date.now();
    // Keys sort by due time: read only what is due now, not every pending receipt (read ones wait minutes).
    const due = [...this.ctx.storage.kv.list<Due>({ start: "due:", end: dueKey(now + 1) })];
    if (due.length > 0) {
      try {
        await ingestProviderEvents(
          this.#db(),
          this.env,
          "sandbox",
          due.map(([, d]) => d.event),
        );
        for (const [key] of due) this.ctx.storage.kv.delete(key);
      } catch (err) {
        // Like a provider, retry the webhook later; the event ids make a repeat harmless.
        createLogger({ sandbox: this.ctx.id.toString() }).warn("sandbox.deliver_failed", describeError(err));
      }
    }
    this.#armAlarm(1000);
  }

  #schedule(due: Due[]): void {
    for (const d of due) this.ctx.storage.kv.put(`${dueKey(d.at)}:${d.event.eventId}`, d);
    this.#armAlarm(0);
  }

  /** Wakes at the earliest pending event (and no earlier than `minDelayMs` from now when retrying). */
  #armAlarm(minDelayMs: number): void {
    const first = this.ctx.storage.kv.list<Due>({ prefix: "due:", limit: 1 });
    const next = [...first][0]?.[1];
    if (!next) return;
    this.ctx.storage.setAlarm(Math.max(next.at, Date.now() + minDelayMs));
  }
}

/** Pending events are stored under `due:<zero-padded ms>:<event id>`, so keys sort by when they are due. */
function dueKey(at: number): string {
  return `due:${String(at).padStart(15, "0")}`;
}
