import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { signRequest } from "../../src/protocol/signature";
import { createWorkspace, type FileDatabase, fileDatabase } from "../support/db";
import { signed, startEventSink, startTestHost, TEST_SECRET } from "../support/host";
import { eventually } from "../support/pairing";

const sink = startEventSink();
let db: FileDatabase;
let sql: FileDatabase["sql"];
let host: Awaited<ReturnType<typeof startTestHost>>;
beforeAll(async () => {
  db = await fileDatabase();
  sql = db.sql;
  host = await startTestHost({ databaseUrl: db.url, workerUrl: sink.url });
});
afterAll(async () => {
  await host.stop();
  sink.stop();
  await db.drop();
});

async function createSession(workspaceId?: string) {
  const ws = workspaceId ?? (await createWorkspace(sql));
  const res = await signed(host, "POST", "/sessions", { workspaceId: ws, channel: "whatsapp", name: "Sales phone" });
  expect(res.status).toBe(201);
  return { ws, session: (await res.json()) as { id: string; status: string } };
}

describe("the host's API", () => {
  test("health and metrics answer without a signature and name no one", async () => {
    expect((await fetch(`${host.url}/health`)).status).toBe(200);
    await createSession();
    const metrics = await (await fetch(`${host.url}/metrics`)).text();
    expect(metrics).toContain("session_host_sessions{status=");
    expect(metrics).toContain("session_host_outbox_depth");
    expect(metrics).not.toMatch(/phone|whatsapp\.net|workspace/);
  });

  test("unsigned, wrongly signed, tampered and replayed requests get 401 and change nothing", async () => {
    const ws = await createWorkspace(sql);
    const body = JSON.stringify({ workspaceId: ws, channel: "whatsapp", name: "X" });
    const post = (headers: Record<string, string>, payload = body) =>
      fetch(`${host.url}/sessions`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: payload,
      });
    const good = await signRequest(TEST_SECRET, { method: "POST", path: "/sessions", body });
    expect((await post({})).status).toBe(401);
    expect((await post(await signRequest("w".repeat(40), { method: "POST", path: "/sessions", body }))).status).toBe(
      401,
    );
    expect((await post(good, body.replace('"X"', '"Y"'))).status).toBe(401);
    const stale = await signRequest(
      TEST_SECRET,
      { method: "POST", path: "/sessions", body },
      { now: Date.now() - 400_000 },
    );
    expect((await post(stale)).status).toBe(401);
    const once = await post(good);
    expect(once.status).toBe(201);
    const replay = await post(good);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
    const [row] = await sql<
      { n: number }[]
    >`select count(*)::int as n from session_host.sessions where workspace_id = ${ws}`;
    expect(row?.n).toBe(1);
  });

  test("bad bodies get 400 with the fields named", async () => {
    const res = await signed(host, "POST", "/sessions", { workspaceId: "nope", channel: "telegram", name: "" });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; details: { fields: Record<string, string> } } };
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(error.details.fields).sort()).toEqual(["channel", "name", "workspaceId"]);
  });

  test("a session is visible to its workspace only", async () => {
    const { ws, session } = await createSession();
    const mine = await signed(host, "GET", `/sessions/${session.id}?workspaceId=${ws}`);
    expect(mine.status).toBe(200);
    const other = await signed(host, "GET", `/sessions/${session.id}?workspaceId=${crypto.randomUUID()}`);
    expect(other.status).toBe(404);
    const list = (await (await signed(host, "GET", `/sessions?workspaceId=${ws}`)).json()) as { sessions: unknown[] };
    expect(list.sessions.length).toBe(1);
  });

  test("a send is accepted once per idempotency key", async () => {
    const { ws, session } = await createSession();
    const send = {
      to: "+49 176 0000 0001",
      text: "Hallo!",
      idempotencyKey: "key-1",
      recipientTimeZone: "Europe/Berlin",
    };
    const first = await signed(host, "POST", `/sessions/${session.id}/messages?workspaceId=${ws}`, send);
    expect(first.status).toBe(202);
    const a = (await first.json()) as { providerMessageId: string; duplicate: boolean };
    const second = await signed(host, "POST", `/sessions/${session.id}/messages?workspaceId=${ws}`, {
      ...send,
      text: "changed",
    });
    expect(second.status).toBe(200);
    const b = (await second.json()) as { providerMessageId: string; duplicate: boolean };
    expect(b).toEqual({ ...a, duplicate: true });
    const rows = await sql<
      { recipient: string; content: unknown }[]
    >`select recipient, content from session_host.outbound where session_id = ${session.id}`;
    expect([...rows]).toEqual([{ recipient: "4917600000001@s.whatsapp.net", content: { text: "Hallo!" } }]);
  });

  test("a send without text or media, or to no number, is refused", async () => {
    const { ws, session } = await createSession();
    const path = `/sessions/${session.id}/messages?workspaceId=${ws}`;
    expect((await signed(host, "POST", path, { to: "4917600000001", idempotencyKey: "k" })).status).toBe(400);
    expect((await signed(host, "POST", path, { to: "call me", text: "x", idempotencyKey: "k" })).status).toBe(400);
  });

  test("pause and resume show on the session with the reason", async () => {
    const { ws, session } = await createSession();
    const paused = (await (await signed(host, "POST", `/sessions/${session.id}/pause?workspaceId=${ws}`)).json()) as {
      paused: boolean;
    };
    expect(paused.paused).toBe(true);
    const resumed = (await (await signed(host, "POST", `/sessions/${session.id}/resume?workspaceId=${ws}`)).json()) as {
      paused: boolean;
    };
    expect(resumed.paused).toBe(false);
  });

  test("pacing settings are validated and stored", async () => {
    const { ws, session } = await createSession();
    const bad = await signed(host, "PATCH", `/sessions/${session.id}/pacing?workspaceId=${ws}`, { perMinute: 0 });
    expect(bad.status).toBe(400);
    const ok = await signed(host, "PATCH", `/sessions/${session.id}/pacing?workspaceId=${ws}`, { dailyCap: 80 });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { pacing: { dailyCap: number } }).pacing.dailyCap).toBe(80);
  });

  test("events survive a Worker that is down: retried with backoff under the same delivery id", async () => {
    const ws = await createWorkspace(sql);
    // The Worker is down for this workspace's first two deliveries.
    sink.failMatching(2, (body) => body.includes(ws));
    const before = sink.requests.length;
    const { session } = await createSession(ws);
    const event = await sink.waitFor((e) => e.kind === "session" && e.sessionId === session.id, 15_000);
    type Sent = { eventId: string };
    const attempts = sink.requests
      .slice(before)
      .flatMap((r) => (JSON.parse(r.body) as { events: Sent[] }).events)
      .filter((e) => e.eventId === event.eventId);
    // Refused at least once, then accepted, always under one delivery id; accepted once.
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(sink.events.filter((e) => e.eventId === event.eventId).length).toBe(1);
    // The outbox marks the row after the Worker's answer arrives: on a loaded machine that lands a moment later.
    const stored = async () =>
      (
        await sql<{ attempts: number; delivered: boolean }[]>`
          select attempts, delivered_at is not null as delivered from session_host.outbox
          where delivery_id = ${event.eventId as string}`
      )[0];
    await eventually(async () => (await stored())?.delivered === true, 5_000, "the outbox row marked delivered");
    expect(await stored()).toEqual({ attempts: attempts.length, delivered: true });
  }, 20_000);

  test("deleting a session removes it and its stored login", async () => {
    const { ws, session } = await createSession();
    expect((await signed(host, "DELETE", `/sessions/${session.id}?workspaceId=${ws}`)).status).toBe(204);
    expect((await signed(host, "GET", `/sessions/${session.id}?workspaceId=${ws}`)).status).toBe(404);
    const [row] = await sql<
      { n: number }[]
    >`select count(*)::int as n from session_host.auth_keys where session_id = ${session.id}`;
    expect(row?.n).toBe(0);
  });
});
