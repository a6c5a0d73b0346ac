// Two host processes share one database: every session runs on exactly one of them, and when one dies the
// other takes its sessions over once the lease expires — never both at once.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createWorkspace, type FileDatabase, fileDatabase } from "../support/db";
import { signed, startEventSink } from "../support/host";
import { type HostProcess, runningOn, spawnHost } from "../support/host-process";

const SESSIONS = 6;
const TTL = 1500;
const sink = startEventSink();
let db: FileDatabase;
const hosts: HostProcess[] = [];

beforeAll(async () => {
  db = await fileDatabase();
});
afterAll(async () => {
  for (const h of hosts) await h.kill().catch(() => {});
  sink.stop();
  await db.drop();
});

async function owners(): Promise<Map<string, string | null>> {
  const rows = await db.sql<{ id: string; owner_host: string | null }[]>`
    select id, owner_host from session_host.sessions`;
  return new Map(rows.map((r) => [r.id, r.owner_host]));
}

describe("sessions across two hosts", () => {
  test("each session runs on one host; a crashed host's sessions move to the other", async () => {
    hosts.push(await spawnHost({ databaseUrl: db.url, workerUrl: sink.url, hostId: "host-a", leaseTtlMs: TTL }));
    const [a] = hosts;
    const ws = await createWorkspace(db.sql);
    for (let i = 0; i < SESSIONS; i++)
      expect(
        (await signed(a!, "POST", "/sessions", { workspaceId: ws, channel: "whatsapp", name: `S${i}` })).status,
      ).toBe(201);
    hosts.push(await spawnHost({ databaseUrl: db.url, workerUrl: sink.url, hostId: "host-b", leaseTtlMs: TTL }));
    const [, b] = hosts;

    // Steady state: every session owned, by one host only, and the sockets running match the leases.
    await Bun.sleep(TTL);
    let seen = await owners();
    expect([...seen.values()].every((o) => o === "host-a" || o === "host-b")).toBe(true);
    const onA = [...seen.values()].filter((o) => o === "host-a").length;
    expect(await runningOn(a!)).toBe(onA);
    expect(await runningOn(b!)).toBe(SESSIONS - onA);

    // host-a dies without a word; while its lease lasts nobody else runs its sessions.
    await a!.kill("SIGKILL");
    const maxRunning: number[] = [];
    const deadline = Date.now() + TTL * 4;
    while (Date.now() < deadline) {
      maxRunning.push(await runningOn(b!));
      seen = await owners();
      if ([...seen.values()].every((o) => o === "host-b") && (await runningOn(b!)) === SESSIONS) break;
      await Bun.sleep(100);
    }
    expect([...seen.values()].every((o) => o === "host-b")).toBe(true);
    expect(await runningOn(b!)).toBe(SESSIONS);
    expect(Math.max(...maxRunning)).toBeLessThanOrEqual(SESSIONS);
    await b!.kill("SIGTERM");
  }, 30_000);

  test("a host stopped gracefully hands its sessions over at once", async () => {
    const c = await spawnHost({ databaseUrl: db.url, workerUrl: sink.url, hostId: "host-c", leaseTtlMs: 60_000 });
    hosts.push(c);
    const ws = await createWorkspace(db.sql);
    const res = await signed(c, "POST", "/sessions", { workspaceId: ws, channel: "whatsapp", name: "Handover" });
    const { id } = (await res.json()) as { id: string };
    const ownerOf = async () => (await owners()).get(id);
    for (let i = 0; i < 50 && (await ownerOf()) !== "host-c"; i++) await Bun.sleep(50);
    expect(await ownerOf()).toBe("host-c");
    await c.kill("SIGTERM");
    expect(await ownerOf()).toBeNull();
  }, 30_000);
});
