// Sends accepted from the Worker, in the order they must go out. A row is `sending` from just before the socket
// write until it is known sent: a host that dies in between finds it `sending` after restart and sends it again
// with the same WhatsApp message id, which the recipient's devices keep once.
import type { Sql } from "./db";

/** Postgres NOTIFY channel: a send was queued for the session named in the payload. */
export const OUTBOUND_CHANNEL = "session_host_outbound";

export interface OutboundRow {
  id: string;
  session_id: string;
  idempotency_key: string;
  wa_message_id: string;
  recipient: string;
  content: { text?: string; media?: { url: string; type: string; caption?: string } } | null;
  recipient_time_zone: string | null;
  new_contact: boolean;
  reply: boolean;
  status: "queued" | "sending" | "sent" | "failed";
  attempts: number;
  created_at: Date;
}

const COLUMNS = [
  "id",
  "session_id",
  "idempotency_key",
  "wa_message_id",
  "recipient",
  "content",
  "recipient_time_zone",
  "new_contact",
  "reply",
  "status",
  "attempts",
  "created_at",
];

export class OutboundRepo {
  constructor(private readonly sql: Sql) {}

  /** Queues a send once per idempotency key; a repeated key returns the first row untouched. */
  async accept(input: {
    sessionId: string;
    idempotencyKey: string;
    waMessageId: string;
    recipient: string;
    content: NonNullable<OutboundRow["content"]>;
    recipientTimeZone: string | null;
    reply: boolean;
  }): Promise<{ row: OutboundRow; duplicate: boolean }> {
    const inserted = await this.sql<OutboundRow[]>`
      insert into session_host.outbound
        (session_id, idempotency_key, wa_message_id, recipient, content, recipient_time_zone, reply, new_contact)
      values (${input.sessionId}, ${input.idempotencyKey}, ${input.waMessageId}, ${input.recipient},
        ${this.sql.json(input.content)}, ${input.recipientTimeZone}, ${input.reply},
        not exists (select 1 from session_host.outbound
                    where session_id = ${input.sessionId} and recipient = ${input.recipient}))
      on conflict (session_id, idempotency_key) do nothing
      returning ${this.sql(COLUMNS)}`;
    if (inserted[0]) {
      // Whichever host runs the session wakes its send loop (host.ts listens).
      await this.sql`select pg_notify(${OUTBOUND_CHANNEL}, ${input.sessionId})`;
      return { row: inserted[0], duplicate: false };
    }
    const [existing] = await this.sql<OutboundRow[]>`
      select ${this.sql(COLUMNS)} from session_host.outbound
      where session_id = ${input.sessionId} and idempotency_key = ${input.idempotencyKey}`;
    return { row: existing!, duplicate: true };
  }

  /**
   * The sends that could go next: an interrupted one alone if there is one (it goes first, same id), else each
   * recipient's oldest pending message (a recipient's messages keep their order), oldest first.
   */
  async heads(sessionId: string, limit: number): Promise<OutboundRow[]> {
    const interrupted = await this.sql<OutboundRow[]>`
      select ${this.sql(COLUMNS)} from session_host.outbound
      where session_id = ${sessionId} and status = 'sending' order by created_at, id limit 1`;
    if (interrupted.length > 0) return [...interrupted];
    const rows = await this.sql<OutboundRow[]>`
      select ${this.sql(COLUMNS)} from (
        select distinct on (recipient) ${this.sql(COLUMNS)} from session_host.outbound
        where session_id = ${sessionId} and status = 'queued'
        order by recipient, created_at, id) heads
      order by created_at, id limit ${limit}`;
    return [...rows];
  }

  async markSending(id: string): Promise<void> {
    await this.sql`update session_host.outbound set status = 'sending', attempts = attempts + 1 where id = ${id}`;
  }

  /** Sent: the body is no longer needed here (the Worker keeps the conversation). */
  async markSent(id: string): Promise<void> {
    await this.sql`
      update session_host.outbound set status = 'sent', sent_at = now(), content = null, error_code = null
      where id = ${id}`;
  }

  async markQueued(id: string, errorCode: string): Promise<void> {
    await this.sql`update session_host.outbound set status = 'queued', error_code = ${errorCode} where id = ${id}`;
  }

  async markFailed(id: string, errorCode: string): Promise<void> {
    await this.sql`
      update session_host.outbound set status = 'failed', error_code = ${errorCode}, content = null where id = ${id}`;
  }

  async isOurs(sessionId: string, waMessageId: string): Promise<boolean> {
    const rows = await this.sql`
      select 1 from session_host.outbound where session_id = ${sessionId} and wa_message_id = ${waMessageId}`;
    return rows.length > 0;
  }

  async counts(): Promise<{ status: string; n: number }[]> {
    return this.sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from session_host.outbound group by status`;
  }
}
