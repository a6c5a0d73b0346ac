// A LinkedIn session through the host (decision 020) against the local Voyager fake (test/fakes/
// linkedin-voyager-fake.ts): the rep's cookie is checked and sealed, a checkpoint and an expired cookie are told
// to the rep, a message to a 1st-degree connection goes out once, one to someone else fails `not_connected`,
// inbound messages are polled with a cursor, and a 429 pauses sending with a cool-down.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { startLinkedinFake } from "../../../test/fakes/linkedin-voyager-fake";
import { createWorkspace, type FileDatabase, fileDatabase } from "../support/db";
import { type RunningHost, signed, startEventSink, startTestHost } from "../support/host";
import { eventually, sessionStatus } from "../support/pairing";

setDefaultTimeout(20_000);

const sink = startEventSink();
let fake: Awaited<ReturnType<typeof startLinkedinFake>>;
let db: FileDatabase;
let host: RunningHost;
let ws: string;

beforeAll(async () => {
  fake = await startLinkedinFake();
  db = await fileDatabase();
  host = await startTestHost({ databaseUrl: db.url, workerUrl: sink.url, linkedinApiUrl: fake.url });
  ws = await createWorkspace(db.sql);
});
afterAll(async () => {
  await host.stop();
  await fake.close();
  sink.stop();
  await db.drop();
});

const LI_AT = (tag: string) => `AQEDAR${tag}${crypto.randomUUID().replaceAll("-", "")}`;

async function connect(liAt: string, jsessionId?: string) {
  const res = await signed(host, "POST", "/sessions", {
    workspaceId: ws,
    channel: "linkedin",
    name: "Ana's LinkedIn",
    cookie: { liAt, ...(jsessionId ? { jsessionId } : {}) },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function waitStatus(id: string, status: string) {
  let session = await sessionStatus(host, ws, id);
  await eventually(
    async () => {
      session = await sessionStatus(host, ws, id);
      return session.status === status;
    },
    8_000,
    `status ${status}`,
  );
  return session as typeof session & { pausedUntil: string | null };
}

const sendTo = (id: string, to: string, text: string, key = crypto.randomUUID()) =>
  signed(host, "POST", `/sessions/${id}/messages?workspaceId=${ws}`, { to, text, idempotencyKey: key });

describe("a LinkedIn session through the host", () => {
  test("connects with the rep's cookie, sealed at rest and told to the Worker as a LinkedIn session", async () => {
    const liAt = LI_AT("ok");
    const id = await connect(liAt, '"ajax:1234567890123456789"');
    await waitStatus(id, "open");
    await sink.waitFor((e) => e.kind === "session" && e.sessionId === id && e.status === "open");
    const event = sink.events.find((e) => e.kind === "session" && e.sessionId === id);
    expect(event).toMatchObject({ channel: "linkedin", workspaceId: ws });
    const rows = await db.sql<{ ciphertext: Uint8Array }[]>`
      select ciphertext from session_host.auth_keys where session_id = ${id}`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Buffer.from(row.ciphertext).toString("latin1")).not.toContain(liAt.slice(6));
    const view = await (await signed(host, "GET", `/sessions/${id}?workspaceId=${ws}`)).json();
    expect(JSON.stringify(view)).not.toContain(liAt);
    // LinkedIn's own pacing defaults, well under its limits: changing one limit stores that one only.
    expect(view).toMatchObject({ channel: "linkedin" });
    const patched = await signed(host, "PATCH", `/sessions/${id}/pacing?workspaceId=${ws}`, { quietEndHour: 9 });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { pacing: unknown }).pacing).toEqual({ quietEndHour: 9 });
    const tooMany = await signed(host, "PATCH", `/sessions/${id}/pacing?workspaceId=${ws}`, { dailyCap: 151 });
    expect(tooMany.status).toBe(400);
    // A connected session keeps its cookie: a fresh one is for after a checkpoint or a log-out.
    const renew = await signed(host, "POST", `/sessions/${id}/reconnect?workspaceId=${ws}`, {
      cookie: { liAt: LI_AT("other") },
    });
    expect(renew.status).toBe(409);
  });

  test("a checkpoint is told to the rep with what to do; an expired cookie is logged out and forgotten", async () => {
    const challenged = await connect(LI_AT("checkpoint"));
    const checkpoint = await waitStatus(challenged, "checkpoint");
    expect(checkpoint.reason).toContain("security check");
    const expired = await connect(LI_AT("expired"));
    const out = await waitStatus(expired, "logged_out");
    expect(out.reason).toContain("fresh cookie");
    const [left] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from session_host.auth_keys where session_id = ${expired}`;
    expect(left!.n).toBe(0);
    // A stopped session takes no sends; a fresh cookie connects it again.
    expect((await sendTo(expired, "https://www.linkedin.com/in/conn-ada-lovelace", "Hi")).status).toBe(409);
    const again = await signed(host, "POST", `/sessions/${expired}/reconnect?workspaceId=${ws}`, {
      cookie: { liAt: LI_AT("renewed") },
    });
    expect(again.status).toBe(200);
    await waitStatus(expired, "open");
  });

  test("a message to a connection goes out once; to a stranger it fails not_connected; bad addresses are refused", async () => {
    const id = await connect(LI_AT("send"));
    await waitStatus(id, "open");
    const key = crypto.randomUUID();
    const first = await sendTo(id, "https://de.linkedin.com/in/Conn-Ada-Lovelace/?trk=x", "Hi Ada", key);
    expect(first.status).toBe(202);
    const accepted = (await first.json()) as { providerMessageId: string };
    const again = await sendTo(id, "linkedin.com/in/conn-ada-lovelace", "Hi Ada", key);
    expect(again.status).toBe(200);
    await sink.waitFor((e) => e.kind === "status" && e.providerMessageId === accepted.providerMessageId);
    expect(sink.events.find((e) => e.providerMessageId === accepted.providerMessageId)).toMatchObject({
      status: "sent",
      channel: "linkedin",
    });
    expect(fake.sent.filter((m) => m.text === "Hi Ada")).toEqual([
      expect.objectContaining({ to: "conn-ada-lovelace", text: "Hi Ada" }),
    ]);

    const stranger = (await (await sendTo(id, "linkedin.com/in/far-bob-stone", "Hi Bob")).json()) as {
      providerMessageId: string;
    };
    const failed = await sink.waitFor((e) => e.kind === "status" && e.providerMessageId === stranger.providerMessageId);
    expect(failed).toMatchObject({ status: "failed", errorCode: "not_connected" });

    // The Worker sends the full profile URL (`https://www.linkedin.com/in/` and the slug): LinkedIn's longest slug fits.
    const long = `conn-${"a".repeat(95)}`;
    const longSend = await sendTo(id, `https://www.linkedin.com/in/${long}`, "Hi long");
    expect(longSend.status).toBe(202);
    await eventually(async () => fake.sent.some((m) => m.to === long), 8_000, "the long-slug message sent");
    // Longer ones are refused with the reason, not a server error.
    expect((await sendTo(id, `https://www.linkedin.com/in/conn-${"a".repeat(96)}`, "Hi")).status).toBe(400);
    expect(fake.sent.some((m) => m.text === "Hi Bob")).toBe(false);

    const bad = await sendTo(id, "https://example.com/in/someone", "Hi");
    expect(bad.status).toBe(400);
  });

  test("inbound messages are polled once each, with the sender's profile and name", async () => {
    const liAt = LI_AT("inbound");
    const id = await connect(liAt);
    await waitStatus(id, "open");
    await fake.inbound(liAt, "conn-grace-hopper", "Happy to talk next week");
    const event = await sink.waitFor((e) => e.kind === "message" && e.sessionId === id);
    expect(event).toMatchObject({
      channel: "linkedin",
      body: "Happy to talk next week",
      from: { handle: "linkedin.com/in/conn-grace-hopper", name: "Grace Hopper" },
    });
    await Bun.sleep(800); // several polls
    expect(sink.events.filter((e) => e.kind === "message" && e.sessionId === id)).toHaveLength(1);
  });

  test("a 429 pauses sending with a cool-down instead of retrying at once", async () => {
    const id = await connect(LI_AT("busy"));
    await waitStatus(id, "open");
    fake.throttle(1, 120, "/networkinfo");
    const before = fake.requests.length;
    const res = await sendTo(id, "linkedin.com/in/conn-alan-turing", "Hi Alan");
    expect(res.status).toBe(202);
    const paused = await waitStatus(id, "paused");
    expect(paused.reason).toContain("LinkedIn is rate-limiting this account");
    expect(paused.pausedUntil).not.toBeNull();
    await Bun.sleep(600);
    // No send reached LinkedIn, and the loop did not hammer it after the 429.
    expect(fake.sent.some((m) => m.text === "Hi Alan")).toBe(false);
    expect(fake.requests.slice(before).filter((r) => r.status === 429)).toHaveLength(1);
  });
});
