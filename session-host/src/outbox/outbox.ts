// Events for the Worker survive a crash: written to Postgres first, then delivered in order with exponential
// retry. Each row's delivery id is the event id, so the Worker drops a delivery it has already accepted.
import type { HostEvent, HostEventDraft } from "../protocol/api";
import type { Sql } from "../store/db";
import type { DeliverEvents } from "./worker-client";

const BATCH = 50;
const MAX_BACKOFF_MS = 10 * 60_000;

/** 1 s, 2 s, 4 s … up to 10 min, with ±20% jitter so many hosts do not retry in step. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  return Math.round(base * (0.8 + random() * 0.4));
}

export class Outbox {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly sql: Sql,
    private readonly deliver: DeliverEvents,
    private readonly pollMs = 1000,
  ) {}

  async add(sessionId: string | null, draft: HostEventDraft): Promise<void> {
    await this
      .sql`insert into session_host.outbox (session_id, event) values (${sessionId}, ${this.sql.json(draft as never)})`;
    this.wake();
  }

  /** Delivers what is due now; returns when this round is done (tests and shutdown wait on it). */
  flush(): Promise<void> {
    this.flushing ??= this.flushDue().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async flushDue(): Promise<void> {
    for (;;) {
      const sent = await this.sql.begin(async (tx) => {
        const rows = await tx<{ id: string; delivery_id: string; event: HostEventDraft; attempts: number }[]>`
          select id, delivery_id, event, attempts from session_host.outbox
          where delivered_at is null and next_attempt_at <= now()
          order by id limit ${BATCH} for update skip locked`;
        if (rows.length === 0) return 0;
        const events = rows.map((r) => ({ ...r.event, eventId: r.delivery_id }) as HostEvent);
        const ids = rows.map((r) => r.id);
        try {
          await this.deliver(events);
          await tx`update session_host.outbox set delivered_at = now(), attempts = attempts + 1 where id = any(${ids})`;
          return rows.length;
        } catch (error) {
          const attempts = rows[0]!.attempts + 1;
          const message = error instanceof Error ? error.message.slice(0, 300) : "delivery failed";
          await tx`
            update session_host.outbox set attempts = attempts + 1, last_error = ${message},
              next_attempt_at = now() + ${retryDelayMs(attempts)} * interval '1 millisecond'
            where id = any(${ids})`;
          return -1;
        }
      });
      if (sent < BATCH) return;
    }
  }

  wake(): void {
    if (!this.stopped) queueMicrotask(() => void this.flush().catch(() => {}));
  }

  start(): void {
    const tick = async () => {
      await this.flush().catch(() => {});
      if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.flushing?.catch(() => {});
  }

  async depth(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`
      select count(*)::int as n from session_host.outbox where delivered_at is null`;
    return row!.n;
  }

  /** Delivered rows are kept a week for diagnosis, then dropped. */
  async prune(): Promise<void> {
    await this.sql`delete from session_host.outbox where delivered_at < now() - interval '7 days'`;
  }
}
