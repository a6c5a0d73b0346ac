// Two hosts behind one address: a request that needs the live socket reaches the lease holder through the other.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { startWaStandIn, type WaStandIn } from "../wa-standin/stand-in";
import { createWorkspace, type FileDatabase, fileDatabase } from "../support/db";
import { type RunningHost, signed, startEventSink, startTestHost } from "../support/host";
import { eventually, sessionStatus } from "../support/pairing";

setDefaultTimeout(30_000);
const sink = startEventSink();
let standIn: WaStandIn;
let db: FileDatabase;
const hosts: RunningHost[] = [];

beforeAll(async () => {
  standIn = await startWaStandIn();
  db = await fileDatabase();
  for (const id of ["fleet-a", "fleet-b"])
    hosts.push(
      await startTestHost({
        databaseUrl: db.url,
        workerUrl: sink.url,
        hostId: id,
        waWebSocketUrl: standIn.url,
        certRootPublicKey: standIn.certRootPublicKey,
      }),
    );
});
afterAll(async () => {
  for (const h of hosts) await h.stop();
  await standIn.close();
  sink.stop();
  await db.drop();
});

async function ownerOf(id: string): Promise<string | null> {
  const [row] = await db.sql<{ owner_host: string | null }[]>`
    select owner_host from session_host.sessions where id = ${id}`;
  return row?.owner_host ?? null;
}

describe("a fleet of two hosts", () => {
  test("pairing by code and logging out work through the host that does not run the session", async () => {
    const ws = await createWorkspace(db.sql);
    const [a, b] = hosts as [RunningHost, RunningHost];
    const res = await signed(a, "POST", "/sessions", { workspaceId: ws, channel: "whatsapp", name: "Fleet" });
    const { id } = (await res.json()) as { id: string };
    await eventually(async () => (await sessionStatus(a, ws, id)).status === "qr", 10_000, "ready to pair");
    const owner = await ownerOf(id);
    const other = owner === "fleet-a" ? b : a;
    expect(other.deps.manager.runtimes.has(id)).toBe(false);

    const answer = await signed(other, "POST", `/sessions/${id}/pairing-code?workspaceId=${ws}`, {
      phone: "4915166666666",
    });
    expect(answer.status).toBe(200);
    const { code } = (await answer.json()) as { code: string };
    await standIn.enterPairingCode(code, { phone: "4915166666666" });
    await eventually(async () => (await sessionStatus(other, ws, id)).status === "open", 10_000, "open");

    expect((await signed(other, "DELETE", `/sessions/${id}?workspaceId=${ws}`)).status).toBe(204);
    // Logged out on WhatsApp by the host that ran it, not merely forgotten here.
    await eventually(async () => !standIn.isOnline("4915166666666"), 5_000, "the device unlinked");
    expect(standIn.devices("4915166666666").length).toBe(0);
  });
});
