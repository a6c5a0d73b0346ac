// bench/messaging — the messaging core at speed, on the production build under `wrangler dev` with a fresh
// database (decision 016). Prints, side by side with baselines measured in the same run:
//   send → `message_sent` with `delivered` on another member's socket (Sandbox)      target p50 ≤ 150 ms
//   signed inbound webhook → `message_received` on a subscribed socket              target p50 ≤ 200 ms
//     baseline: the board's move → other client
//   throughput through the outbound queue, 0 lost / 0 duplicated                     target ≥ 200 msg/s
//     through the API (accept rate and end to end), and a queued backlog drained by the consumer
//   inbox list with 10,000 conversations                                             target p50 ≤ 100 ms
//   one lead room fanning out to 200 sockets                                         target p95 ≤ 100 ms
// The Sandbox's simulated recipient answers at once here (delivered after 0 ms instead of its default 1 s),
// so the figures measure our path, not the simulation's delay.
import postgres from "postgres";
import { ensureDevSecrets } from "../scripts/lib/dev-vars.ts";
import { signSandboxBody } from "../workers/messaging/channels/sandbox.webhook.ts";
import { percentile as pct, startBenchApp } from "./lib/bench-app.ts";
import { inspectorArgs, profiled } from "./lib/cpu-profile.ts";
import { measureThroughput } from "./lib/messaging-throughput.ts";
import { freePort } from "../scripts/lib/processes.ts";

const RUNS = 30;
/** BENCH_THROUGHPUT_MESSAGES=… for a quicker look; the figures in docs are for 2,000. */
const THROUGHPUT_MESSAGES = Number(process.env.BENCH_THROUGHPUT_MESSAGES) || 2000;
const THROUGHPUT_LEADS = 50;
const INBOX_CONVERSATIONS = 10_000;
const FANOUT_SOCKETS = 200;

/** `bun run bench:messaging [latency|throughput|inbox|fanout …]` runs only those parts. */
const only = process.argv.slice(2);
const wants = (part: string) => only.length === 0 || only.includes(part);
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const secrets = await ensureDevSecrets();
const vars = [
  "SANDBOX_DELIVERED_AFTER_MS:0",
  "SANDBOX_READ_AFTER_MS:600000",
  // One rep sending thousands of messages a minute is the load under test, not abuse.
  "RATE_LIMIT_USER_PER_MINUTE:1000000",
  "RATE_LIMIT_IP_PER_MINUTE:1000000",
];
/** BENCH_CPU_PROFILE=<file>: the Worker's CPU profiles of both throughput phases (bench/lib/cpu-profile.ts). */
const profileFile = process.env.BENCH_CPU_PROFILE;
const inspectorPort = await freePort();
const app = await startBenchApp({
  args: [...vars.flatMap((v) => ["--var", v]), ...(profileFile ? inspectorArgs(inspectorPort) : [])],
});
const { base, port, databaseUrl, signUp } = app;
const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });

/** 503s (the database gate is full) are retried after `retry-after`, as a client should; counted. */
let busyRetries = 0;
async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  for (let attempt = 1; ; attempt++) {
    res = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
    });
    if (res.status !== 503 || attempt === 5) break;
    busyRetries++;
    await res.body?.cancel();
    await sleep(Number(res.headers.get("retry-after") ?? 1) * 1000);
  }
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Socket {
  ws: WebSocket;
  seen: (predicate: (msg: Record<string, unknown>) => boolean) => Promise<number>;
}

/** Opens a room socket and resolves `seen(…)` with the time the first matching event arrived. */
async function openRoom(party: string, room: string, token: string): Promise<Socket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/parties/${party}/${room}?access_token=${token}`);
  const log: { at: number; msg: Record<string, unknown> }[] = [];
  ws.onmessage = (e) => log.push({ at: performance.now(), msg: JSON.parse(String(e.data)) });
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const seen = async (predicate: (msg: Record<string, unknown>) => boolean) => {
    const deadline = performance.now() + 10_000;
    for (;;) {
      const hit = log.find((e) => predicate(e.msg));
      if (hit) return hit.at;
      if (performance.now() > deadline) throw new Error(`no matching event in ${room}`);
      await sleep(1);
    }
  };
  return { ws, seen };
}

try {
  const owner = await signUp("owner@bench.test");
  const mate = await signUp("mate@bench.test");
  const me = await api<{ workspace: { id: string } }>("/api/me", owner.access_token);
  const ws = me.workspace.id;
  const invite = await api<{ token: string }>("/api/invitations", owner.access_token, {
    method: "POST",
    body: JSON.stringify({ email: "mate@bench.test", role: "member" }),
  });
  await api("/api/invitations/accept", mate.access_token, {
    method: "POST",
    body: JSON.stringify({ token: invite.token }),
  });
  const newLead = async (i: number) =>
    (
      await api<{ lead: { id: string } }>("/api/leads", owner.access_token, {
        method: "POST",
        body: JSON.stringify({ fullName: `Bench Lead ${i}`, companyName: "Bench GmbH" }),
      })
    ).lead.id;
  const send = (leadId: string, body: string) =>
    api<{ message: { id: string } }>("/api/messages/send", owner.access_token, {
      method: "POST",
      body: JSON.stringify({ leadId, channel: "sandbox", body, idempotencyKey: crypto.randomUUID(), sendNow: true }),
    });

  // Baseline: an authenticated round trip that touches Postgres.
  const health: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    await api("/api/me", owner.access_token);
    if (i >= 3) health.push(performance.now() - t0);
  }
  console.log(`baseline GET /api/me:                               ${fmt(health)}`);

  if (wants("latency")) {
    // 1. send → delivered on a teammate's socket.
    const lead = await newLead(0);
    const mateRoom = await openRoom("lead-room", `${ws}.${lead}`, mate.access_token);
    const deliveredTimes: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      const { message } = await send(lead, `Hello ${i}`);
      const at = await mateRoom.seen(
        (m) => m.type === "message_sent" && m.messageId === message.id && m.status === "delivered",
      );
      if (i >= 3) deliveredTimes.push(at - t0);
    }
    console.log(`send → delivered on another member's socket:        ${fmt(deliveredTimes)}   target p50 ≤ 150 ms`);

    // 2. Inbound webhook → message_received, against the board's move → other client in the same run.
    const inboundTimes: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const content = `Inbound ${i} ${crypto.randomUUID()}`;
      const body = JSON.stringify({
        events: [
          {
            kind: "message",
            eventId: crypto.randomUUID(),
            accountExternalId: ws,
            providerMessageId: `bench_in_${crypto.randomUUID()}`,
            from: { handle: lead },
            body: content,
            media: [],
            at: new Date().toISOString(),
          },
        ],
      });
      const t0 = performance.now();
      const res = await fetch(`${base}/api/hooks/sandbox`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-sandbox-signature": await signSandboxBody(secrets.SANDBOX_WEBHOOK_SECRET!, body),
        },
        body,
      });
      if (res.status !== 200) throw new Error(`webhook: ${res.status} ${await res.text()}`);
      const at = await mateRoom.seen((m) => m.type === "message_received" && m.content === content);
      if (i >= 3) inboundTimes.push(at - t0);
    }
    mateRoom.ws.close();
    const pipeline = (
      await api<{ pipeline: { id: string } }>("/api/pipelines", owner.access_token, {
        method: "POST",
        body: JSON.stringify({ name: "Bench" }),
      })
    ).pipeline;
    const boardRoom = await openRoom("live-room", `${ws}.board-${pipeline.id}`, mate.access_token);
    const moveTimes: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const card = (
        await api<{ card: { id: string } }>(`/api/pipelines/${pipeline.id}/cards`, owner.access_token, {
          method: "POST",
          body: JSON.stringify({ leadId: await newLead(1000 + i) }),
        })
      ).card;
      const t0 = performance.now();
      await api(`/api/pipeline-cards/${card.id}`, owner.access_token, {
        method: "PATCH",
        body: JSON.stringify({ stage: "Contacted" }),
      });
      const at = await boardRoom.seen(
        (m) =>
          m.type === "card.upserted" &&
          (m.card as { id: string; stage: string }).id === card.id &&
          (m.card as { stage: string }).stage === "Contacted",
      );
      if (i >= 3) moveTimes.push(at - t0);
    }
    boardRoom.ws.close();
    console.log(`inbound webhook → message_received on a socket:     ${fmt(inboundTimes)}   target p50 ≤ 200 ms`);
    console.log(`baseline board move → other client:                 ${fmt(moveTimes)}`);
  }

  if (wants("throughput")) {
    // 3. Throughput: many leads at once, each lead's messages in order (bench/lib/messaging-throughput.ts).
    const leads = await Promise.all(Array.from({ length: THROUGHPUT_LEADS }, (_, i) => newLead(2000 + i)));
    await measureThroughput({
      base,
      pid: app.pid,
      sql,
      messages: THROUGHPUT_MESSAGES,
      leads,
      send,
      profile: (label, phase) => profiled(profileFile, inspectorPort, label, phase),
    });
    if (busyRetries > 0) console.log(`  requests answered 503 (database busy) and retried: ${busyRetries}`);
  }

  if (wants("inbox")) {
    // 4. Inbox list with 10,000 conversations (seeded in SQL; the API path is what is measured).
    await sql.begin(async (tx) => {
      const seeded = await tx`insert into leads ${tx(
        Array.from({ length: INBOX_CONVERSATIONS }, (_, i) => ({
          workspace_id: ws,
          user_id: owner.user.id,
          full_name: `Inbox Lead ${i}`,
          company_name: `Company ${i % 211}`,
        })),
      )} returning id`;
      const now = Date.now();
      const rows = seeded.map((l, i) => ({
        workspace_id: ws,
        lead_id: l.id,
        channel: "sandbox",
        unread_count: i % 3,
        last_message_at: new Date(now - i * 1000),
        last_message_preview: `Preview ${i}`,
        last_message_direction: i % 2 ? "inbound" : "outbound",
      }));
      // Postgres takes at most 65,535 parameters per statement.
      for (let i = 0; i < rows.length; i += 2000) await tx`insert into conversations ${tx(rows.slice(i, i + 2000))}`;
    });
    // What autovacuum would do within a minute of a bulk load.
    await sql`analyze conversations`;
    const inbox: number[] = [];
    const unread: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      let t0 = performance.now();
      await api("/api/conversations?limit=50", owner.access_token);
      if (i >= 3) inbox.push(performance.now() - t0);
      t0 = performance.now();
      await api("/api/conversations?limit=50&unread=true", owner.access_token);
      if (i >= 3) unread.push(performance.now() - t0);
    }
    console.log(`inbox list, ${INBOX_CONVERSATIONS} conversations:               ${fmt(inbox)}   target p50 ≤ 100 ms`);
    console.log(`inbox list, unread only:                            ${fmt(unread)}`);
  }

  if (wants("fanout")) {
    // 5. One room fanning out to 200 sockets.
    const fanLead = await newLead(9999);
    const sockets: Socket[] = [];
    for (let i = 0; i < FANOUT_SOCKETS; i++)
      sockets.push(await openRoom("lead-room", `${ws}.${fanLead}`, i % 2 ? mate.access_token : owner.access_token));
    const fan: number[] = [];
    const spread: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const { message } = await send(fanLead, `Fan-out ${i}`);
      const times = await Promise.all(
        sockets.map((s) => s.seen((m) => m.type === "message_sent" && m.messageId === message.id)),
      );
      fan.push(...times.map((t) => t - t0));
      spread.push(...times.map((t) => t - Math.min(...times)));
    }
    for (const s of sockets) s.ws.close();
    console.log(`send → queued event on each of ${FANOUT_SOCKETS} sockets:         ${fmt(fan)}`);
    console.log(`  first socket → each other socket (the fan-out):    ${fmt(spread)}   target p95 ≤ 100 ms`);
  }
} finally {
  await sql.end();
  await app.stop();
}
