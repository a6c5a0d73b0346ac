// bun run bench:session-host — a host process with many open WhatsApp sessions (against the loopback stand-in):
// memory per idle open session, and how long a restart takes until every session is open again, without QR.
//   targets: ≤ 5 MB per idle open session with 100 sessions on one host; all open again within 30 s of a restart
import { startWaStandIn } from "../test/wa-standin/stand-in";
import { createWorkspace, fileDatabase } from "../test/support/db";
import { signed, startEventSink } from "../test/support/host";
import { type HostProcess, spawnHost } from "../test/support/host-process";
import { eventually } from "../test/support/pairing";

const SESSIONS = Number(process.argv[2] ?? 100);
const standIn = await startWaStandIn();
const db = await fileDatabase();
const sink = startEventSink();
const phone = (i: number) => `49151${String(1_000_000 + i).padStart(7, "0")}`;

async function start(): Promise<HostProcess> {
  return spawnHost({
    databaseUrl: db.url,
    workerUrl: sink.url,
    hostId: "bench-host",
    leaseTtlMs: 30_000,
    env: {
      WA_WEBSOCKET_URL: standIn.url,
      WA_CERT_ROOT_PUBLIC_KEY: Buffer.from(standIn.certRootPublicKey).toString("base64"),
    },
  });
}

async function metric(host: HostProcess, name: string): Promise<number> {
  const text = await (await fetch(`${host.url}/metrics`)).text();
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, "m").exec(text)?.[1] ?? Number.NaN);
}

const openCount = async () =>
  (await db.sql<{ n: number }[]>`select count(*)::int as n from session_host.sessions where status = 'open'`)[0]!.n;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

try {
  let host = await start();
  await Bun.sleep(2_000);
  const baseRss = await metric(host, "process_resident_memory_bytes");
  const baseHeap = await metric(host, "session_host_heap_used_bytes");
  const ws = await createWorkspace(db.sql);
  const t0 = performance.now();
  for (let i = 0; i < SESSIONS; i++) {
    const res = await signed(host, "POST", "/sessions", { workspaceId: ws, channel: "whatsapp", name: `Rep ${i}` });
    const { id } = (await res.json()) as { id: string };
    let qr = "";
    await eventually(async () => {
      const r = await signed(host, "GET", `/sessions/${id}/qr?workspaceId=${ws}`);
      if (r.ok) qr = ((await r.json()) as { qr: string }).qr;
      return r.ok;
    }, 30_000);
    await standIn.scanQr(qr, { phone: phone(i) });
  }
  await eventually(async () => (await openCount()) === SESSIONS, 120_000, "every session open");
  console.log(`paired ${SESSIONS} sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await Bun.sleep(15_000); // idle: post-login traffic done, caches settled
  const rss = await metric(host, "process_resident_memory_bytes");
  const heap = await metric(host, "session_host_heap_used_bytes");
  console.log(`host idle, no sessions:     RSS ${mb(baseRss)} MB, heap ${mb(baseHeap)} MB`);
  console.log(`host idle, ${SESSIONS} open:         RSS ${mb(rss)} MB, heap ${mb(heap)} MB`);
  console.log(
    `per idle open session:      RSS +${mb((rss - baseRss) / SESSIONS)} MB, heap +${mb((heap - baseHeap) / SESSIONS)} MB   target ≤ 5 MB`,
  );

  await host.kill("SIGTERM");
  const t1 = performance.now();
  host = await start();
  await eventually(
    async () => Array.from({ length: SESSIONS }, (_, i) => standIn.isOnline(phone(i))).every(Boolean),
    120_000,
    "every session back online",
  );
  await eventually(async () => (await openCount()) === SESSIONS, 30_000, "every session open");
  const [counted] = await db.sql<{ qrs: number }[]>`select count(qr)::int as qrs from session_host.sessions`;
  const qrs = counted!.qrs;
  console.log(
    `restart → all ${SESSIONS} open again: ${((performance.now() - t1) / 1000).toFixed(1)} s (process start included), QR shown: ${qrs}   target ≤ 30 s, 0 QR`,
  );
  await host.kill("SIGTERM");
} finally {
  await standIn.close();
  sink.stop();
  await db.drop();
}
