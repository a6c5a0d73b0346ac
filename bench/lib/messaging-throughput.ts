// Throughput of the outbound queue (bench/messaging.ts, decision 016), two figures side by side:
//   A. through the API: N sends accepted by POST /api/messages/send (50 clients at once) while the queue
//      drains them — accept rate, and the rate at which they were all sent / all delivered;
//   B. a backlog: N queued messages (copies of A's rows, as the send service writes them) handed to the queue
//      by the cron sweep in one run, then drained by the real consumer → LeadRoom → policy → Sandbox →
//      receipts through the inbound queue. Timed from the sweep's trigger to the last message sent (and
//      delivered), so the producer's enqueue is inside the figure.
// Each phase also prints what it cost per message (cost-meter.ts): workerd CPU and the database's work.
import type postgres from "postgres";
import { costMeter } from "./cost-meter.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ThroughputContext {
  base: string;
  pid: number;
  sql: postgres.Sql;
  messages: number;
  leads: string[];
  send: (leadId: string, body: string) => Promise<{ message: { id: string } }>;
  /** Wraps a phase (e.g. in a CPU profile named by `label`). */
  profile: <T>(label: string, phase: () => Promise<T>) => Promise<T>;
}

const rate = (n: number, ms: number) => `${((n / ms) * 1000).toFixed(0)}/s`;

/** Waits until every message left `queued`, then until every one is delivered; returns both instants. */
async function waitForProgress(sql: postgres.Sql, ids: string[], deadline: number) {
  let sentAt = 0;
  for (;;) {
    const [row] = await sql`
      select count(*) filter (where status <> 'queued')::int as done,
             count(*) filter (where status in ('delivered', 'read'))::int as delivered
      from messages where id = any(${ids})`;
    const now = performance.now();
    if (!sentAt && row!.done >= ids.length) sentAt = now;
    if (row!.delivered >= ids.length) return { sentAt, deliveredAt: now, note: "" };
    if (now > deadline) {
      return {
        sentAt: sentAt || now,
        deliveredAt: now,
        note: ` (TIMED OUT: ${row!.done} sent, ${row!.delivered} delivered)`,
      };
    }
    await sleep(100);
  }
}

async function check(sql: postgres.Sql, ids: string[]) {
  const [c] = await sql`
    select count(*)::int as n, count(distinct provider_message_id)::int as providers,
           count(*) filter (where status in ('sent', 'delivered', 'read'))::int as ok
    from messages where id = any(${ids})`;
  // Lost: not sent. Duplicated: two rows for one provider message (one send recorded twice).
  return `stored ${c!.n}, sent ${c!.ok}, distinct provider ids ${c!.providers}: lost ${ids.length - c!.ok}, duplicated ${c!.ok - c!.providers}`;
}

export async function measureThroughput(ctx: ThroughputContext): Promise<void> {
  const { sql, messages: total, leads } = ctx;
  const meter = costMeter(ctx.pid, sql);

  // A. Through the API: each lead's messages in order from its own client, all leads at once.
  const a0 = await meter.snapshot();
  const ids: string[] = [];
  await ctx.profile("accept", () =>
    Promise.all(
      leads.map(async (lead, worker) => {
        for (let i = worker; i < total; i += leads.length) ids.push((await ctx.send(lead, `Bulk ${i}`)).message.id);
      }),
    ),
  );
  const accepted = performance.now() - a0.at;
  const a = await waitForProgress(sql, ids, performance.now() + 600_000);
  await meter.settle();
  const a1 = await meter.snapshot();
  console.log(
    `throughput A, through the API: ${total} messages over ${leads.length} leads accepted in ${(accepted / 1000).toFixed(1)} s (${rate(total, accepted)}), all sent after ${((a.sentAt - a0.at) / 1000).toFixed(1)} s → ${rate(total, a.sentAt - a0.at)} end to end, all delivered ${rate(total, a.deliveredAt - a0.at)}${a.note}`,
  );
  console.log(`  ${await check(sql, ids)}`);
  console.log(`  ${meter.describe(a0, a1, total)} (accept + queue + receipts)`);

  // B. A backlog drained by the real consumer: copies of A's rows written `queued` three minutes ago (the
  // order A's clients sent them in), enqueued by one run of the cron sweep.
  const backlog = (
    await sql`
      insert into messages (workspace_id, conversation_id, lead_id, channel, account_id, direction, body, media,
        status, origin, idempotency_key, sent_by, fallback_enabled, queued_at, created_at, updated_at)
      select m.workspace_id, m.conversation_id, m.lead_id, m.channel, m.account_id, m.direction,
        'Backlog ' || o.n, m.media, 'queued', m.origin, 'backlog-' || m.id, m.sent_by, m.fallback_enabled,
        now() - interval '3 minutes', now() - interval '3 minutes' + o.n * interval '1 microsecond',
        now() - interval '3 minutes'
      from unnest(${ids}::uuid[]) with ordinality as o(id, n) join messages m on m.id = o.id
      order by o.n
      returning id`
  ).map((r) => r.id as string);
  await meter.settle();
  const b0 = await meter.snapshot();
  let enqueued = 0;
  const b = await ctx.profile("backlog", async () => {
    // Miniflare's trigger for the Worker's scheduled handler (answers once the handler finished).
    const res = await fetch(`${ctx.base}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`);
    if (!res.ok) throw new Error(`scheduled: ${res.status} ${await res.text()}`);
    enqueued = performance.now() - b0.at;
    return waitForProgress(sql, backlog, b0.at + 600_000);
  });
  await meter.settle();
  const b1 = await meter.snapshot();
  console.log(
    `throughput B, a backlog of ${backlog.length} queued messages: enqueued by the sweep in ${(enqueued / 1000).toFixed(1)} s, all sent after ${((b.sentAt - b0.at) / 1000).toFixed(1)} s → ${rate(backlog.length, b.sentAt - b0.at)} drained, all delivered ${rate(backlog.length, b.deliveredAt - b0.at)}${b.note}   target ≥ 200 msg/s`,
  );
  console.log(`  ${await check(sql, backlog)}`);
  console.log(`  ${meter.describe(b0, b1, backlog.length)} (sweep + queue + receipts)`);
}
