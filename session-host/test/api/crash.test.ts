// Kill -9 the host process in the middle of a send: after a restart the contact has the message exactly once.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { startWaStandIn, type WaStandIn } from "../wa-standin/stand-in";
import { createWorkspace, type FileDatabase, fileDatabase } from "../support/db";
import { FAST_PACING, signed, startEventSink, startTestHost } from "../support/host";
import { type HostProcess, spawnHost } from "../support/host-process";
import { eventually, pairSession } from "../support/pairing";

setDefaultTimeout(60_000);
const ACCOUNT = "4915119999999";
const LEAD = "4917600000042";
const sink = startEventSink();
let standIn: WaStandIn;
let db: FileDatabase;
let ws: string;
let sessionId: string;
let proc: HostProcess | undefined;

async function startProcess(pacing: Record<string, unknown>) {
  proc = await spawnHost({
    databaseUrl: db.url,
    workerUrl: sink.url,
    hostId: "crash-host",
    env: {
      WA_WEBSOCKET_URL: standIn.url,
      WA_CERT_ROOT_PUBLIC_KEY: Buffer.from(standIn.certRootPublicKey).toString("base64"),
      SESSION_PACING_DEFAULTS: JSON.stringify(pacing),
    },
  });
  await eventually(async () => standIn.isOnline(ACCOUNT), 15_000, "the session back online");
  return proc;
}

async function outboundStatus(providerMessageId: string) {
  const rows = await db.sql<{ status: string }[]>`
    select status from session_host.outbound where wa_message_id = ${providerMessageId}`;
  return rows[0]?.status;
}

beforeAll(async () => {
  standIn = await startWaStandIn();
  db = await fileDatabase();
  ws = await createWorkspace(db.sql);
  // Paired once through an in-process host; the processes below log in from the stored login.
  const pairing = await startTestHost({
    databaseUrl: db.url,
    workerUrl: sink.url,
    waWebSocketUrl: standIn.url,
    certRootPublicKey: standIn.certRootPublicKey,
  });
  sessionId = await pairSession(pairing, standIn, ws, ACCOUNT);
  await pairing.stop();
});
afterAll(async () => {
  await proc?.kill().catch(() => {});
  await standIn.close();
  sink.stop();
  await db.drop();
});

async function send(host: HostProcess, key: string, text: string): Promise<string> {
  const res = await signed(host, "POST", `/sessions/${sessionId}/messages?workspaceId=${ws}`, {
    to: LEAD,
    text,
    idempotencyKey: key,
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { providerMessageId: string }).providerMessageId;
}

describe("a host killed mid-send", () => {
  test("killed while typing: the message goes out once after the restart", async () => {
    // Typing takes 3 s, so the kill lands after the send was marked under way and before the socket write.
    const slow = await startProcess({ ...FAST_PACING, typingMinMs: 3_000, typingMaxMs: 3_000 });
    const id = await send(slow, "crash-typing", "Hello from before the crash");
    await eventually(async () => (await outboundStatus(id)) === "sending", 10_000, "the send under way");
    await slow.kill("SIGKILL");
    expect(standIn.received.some((m) => m.id === id)).toBe(false);

    await startProcess(FAST_PACING);
    await standIn.waitForMessage((m) => m.id === id, 15_000);
    await eventually(async () => (await outboundStatus(id)) === "sent", 10_000, "the send recorded");
    expect(standIn.received.filter((m) => m.id === id).length).toBe(1);
    await proc!.kill("SIGTERM");
  });

  test("killed the moment WhatsApp took the message: resent with the same id, kept once", async () => {
    const fast = await startProcess(FAST_PACING);
    const id = await send(fast, "crash-written", "Hello from the edge of the crash");
    await standIn.waitForMessage((m) => m.id === id, 15_000);
    await fast.kill("SIGKILL");

    await startProcess(FAST_PACING);
    await eventually(async () => (await outboundStatus(id)) === "sent", 15_000, "the send recorded");
    await Bun.sleep(300);
    expect(standIn.received.filter((m) => m.id === id).length).toBe(1);
    await sink.waitFor((e) => e.kind === "status" && e.providerMessageId === id && e.status === "sent");
  });
});
