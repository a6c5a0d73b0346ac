// Live events come from a transactional outbox (issue 13 item 10, decision 012): the service that changes the
// data records the event in the same transaction, the topic's room delivers it after commit and marks it, and
// an event whose push failed is delivered by the sweep (cron). Checked against real Postgres and real rooms.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import worker from "../../workers/index";
import { openDb } from "../../workers/db/client";
import { asUser } from "../../workers/db/tenant";
import { recordEvent } from "../../workers/repos/live-events.repo";
import { PIPELINES_TOPIC, asUserWithLiveEvents, sweepLiveEvents } from "../../workers/realtime/live-events";
import { roomName } from "../../workers/realtime/room-access";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";
import { createPipeline } from "../support/factories";
import { connect } from "../support/room-sockets";
import type { OpenSocket } from "../support/room-sockets";
import { eventually } from "../support/eventually";

const db = () => openDb(env.HYPERDRIVE.connectionString).db;

interface OutboxRow {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  delivered: boolean;
}

/** The outbox as Postgres holds it (read as the table owner, behind RLS). */
async function outbox(workspaceId: string, topic: string): Promise<OutboxRow[]> {
  const rows = await db().execute<{ seq: string; type: string; payload: Record<string, unknown>; delivered: boolean }>(
    sql`select seq, type, payload, delivered_at is not null as delivered from public.live_events where workspace_id = ${workspaceId} and topic = ${topic} order by seq`,
  );
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

async function workspaceOf(user: TestUser): Promise<string> {
  return (await call("/api/me", { headers: user.headers })).body.workspace.id as string;
}

function actorOf(user: TestUser, workspaceId: string) {
  return { userId: user.id, workspaceId, claims: { sub: user.id, role: "authenticated" as const, email: user.email } };
}

function rename(user: TestUser, id: string, name: string) {
  return call(`/api/pipelines/${id}`, {
    method: "PATCH",
    headers: { ...user.headers, "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
}

const received = (socket: OpenSocket, type: string) => socket.messages.filter((m) => m.type === type);

/** A Durable Object namespace whose every call fails: the push after commit cannot reach any room. */
const unreachableRooms = new Proxy(
  {},
  {
    get: () => () => {
      throw new Error("rooms unreachable");
    },
  },
) as unknown as Env["LiveRoom"];

describe("the live-event outbox", () => {
  it("writes the event in the change's transaction, delivers it to listeners and marks it delivered", async () => {
    const user = await createUser("outbox");
    const ws = await workspaceOf(user);
    const pipeline = await createPipeline(user, "Outbound");
    const socket = await connect(roomName(ws, PIPELINES_TOPIC), user.headers);

    expect((await rename(user, pipeline.id, "Outbound Q1")).status).toBe(200);
    const [event] = await eventually(
      "the rename event",
      () => received(socket, "pipeline.renamed").length > 0 && received(socket, "pipeline.renamed"),
    );
    expect(event).toMatchObject({ pipeline: { id: pipeline.id, name: "Outbound Q1" }, actorId: user.id, seq: 2 });
    const rows = await eventually("the rows marked delivered", async () => {
      const r = await outbox(ws, PIPELINES_TOPIC);
      return r.every((x) => x.delivered) && r;
    });
    expect(rows.map((r) => [r.seq, r.type])).toEqual([
      [1, "pipeline.created"],
      [2, "pipeline.renamed"],
    ]);
    socket.ws.close();
  });

  it("leaves no event when the change fails, even after the event was written in its transaction", async () => {
    const user = await createUser("rollback");
    const ws = await workspaceOf(user);
    const [a, b] = [await createPipeline(user, "Inbound"), await createPipeline(user, "Partners")];
    const recorded = async () =>
      (await outbox(ws, PIPELINES_TOPIC)).map(({ seq, type, payload }) => ({ seq, type, payload }));
    const before = await recorded();

    // Refused by the service (name taken): nothing recorded.
    expect((await rename(user, b.id, "inbound")).status).toBe(409);
    // Written, then the transaction fails: the event goes with it.
    const failed = asUser(db(), actorOf(user, ws).claims, async (tx) => {
      await recordEvent(tx, ws, PIPELINES_TOPIC, "pipeline.renamed", { pipeline: { id: a.id, name: "Ghost" } });
      await tx.execute(sql`select 1 / 0`);
    });
    await expect(failed).rejects.toThrow();
    // The same through the service helper: an error after emitting leaves nothing either.
    const thrown = asUserWithLiveEvents(db(), actorOf(user, ws), async (_tx, live) => {
      live.emit(PIPELINES_TOPIC, "pipeline.renamed", { pipeline: { id: a.id, name: "Ghost 2" } });
      throw new Error("the change failed");
    });
    await expect(thrown).rejects.toThrow("the change failed");

    expect(await recorded()).toEqual(before);
    // The sequence has no gap: the next real event follows the last committed one.
    expect((await rename(user, a.id, "Inbound EU")).status).toBe(200);
    expect((await outbox(ws, PIPELINES_TOPIC)).map((r) => r.seq)).toEqual([
      ...before.map((r) => r.seq),
      before.length + 1,
    ]);
  });

  it("refuses to record events for a workspace the user is not a member of", async () => {
    const [user, stranger] = [await createUser("owner"), await createUser("forger")];
    const ws = await workspaceOf(user);
    const forged = asUser(db(), actorOf(stranger, ws).claims, (tx) =>
      recordEvent(tx, ws, PIPELINES_TOPIC, "pipeline.deleted", { pipelineId: crypto.randomUUID() }),
    );
    await expect(forged).rejects.toThrow();
    expect(await outbox(ws, PIPELINES_TOPIC)).toEqual([]);
  });

  it("delivers an event whose push failed when the sweep runs, in order, and marks it", async () => {
    const user = await createUser("sweep");
    const ws = await workspaceOf(user);
    const socket = await connect(roomName(ws, PIPELINES_TOPIC), user.headers);
    const brokenEnv = { ...env, LiveRoom: unreachableRooms } as Env;
    for (const name of ["Lost one", "Lost two"]) {
      await asUserWithLiveEvents(
        db(),
        actorOf(user, ws),
        async (_tx, live) => live.emit(PIPELINES_TOPIC, "pipeline.created", { pipeline: { name } }),
        brokenEnv,
      );
    }
    // The pushes could not reach the room: the rows wait, undelivered.
    expect((await outbox(ws, PIPELINES_TOPIC)).map((r) => r.delivered)).toEqual([false, false]);
    expect(received(socket, "pipeline.created")).toEqual([]);

    const swept = await sweepLiveEvents(db(), env, 0);
    expect(swept.delivered).toBeGreaterThanOrEqual(2);
    await eventually("the swept events", () => received(socket, "pipeline.created").length === 2);
    expect(received(socket, "pipeline.created").map((m) => [m.seq, (m.pipeline as { name: string }).name])).toEqual([
      [1, "Lost one"],
      [2, "Lost two"],
    ]);
    expect((await outbox(ws, PIPELINES_TOPIC)).map((r) => r.delivered)).toEqual([true, true]);
    socket.ws.close();
  });

  it("runs the sweep from the Worker's cron trigger", async () => {
    const user = await createUser("cron");
    const ws = await workspaceOf(user);
    const socket = await connect(roomName(ws, PIPELINES_TOPIC), user.headers);
    await asUserWithLiveEvents(
      db(),
      actorOf(user, ws),
      async (_tx, live) => live.emit(PIPELINES_TOPIC, "pipeline.deleted", { pipelineId: crypto.randomUUID() }),
      { ...env, LiveRoom: unreachableRooms } as Env,
    );
    // Old enough that the sweep no longer expects its own push to deliver it.
    await db().execute(
      sql`update public.live_events set created_at = now() - interval '1 minute' where workspace_id = ${ws}`,
    );

    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: "* * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    await eventually("the event from the cron sweep", () => received(socket, "pipeline.deleted").length === 1);
    expect((await outbox(ws, PIPELINES_TOPIC)).map((r) => r.delivered)).toEqual([true]);
    socket.ws.close();
  });

  it("sends a burst of events to a listener once each and in order, then marks them all", async () => {
    const user = await createUser("burst");
    const ws = await workspaceOf(user);
    const socket = await connect(roomName(ws, PIPELINES_TOPIC), user.headers);
    const names = Array.from({ length: 15 }, (_, i) => `Burst ${i}`);
    await Promise.all(
      names.map((name) =>
        asUserWithLiveEvents(db(), actorOf(user, ws), async (_tx, live) =>
          live.emit(PIPELINES_TOPIC, "pipeline.created", { pipeline: { name } }),
        ),
      ),
    );
    await eventually("every burst event", () => received(socket, "pipeline.created").length >= names.length);
    const seqs = received(socket, "pipeline.created").map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: names.length }, (_, i) => i + 1));
    await eventually("the burst marked delivered", async () =>
      (await outbox(ws, PIPELINES_TOPIC)).every((r) => r.delivered),
    );
    socket.ws.close();
  });

  it("gives a listener who arrives later only what happens after, never what nobody heard before", async () => {
    const user = await createUser("late");
    const ws = await workspaceOf(user);
    const emit = (name: string) =>
      asUserWithLiveEvents(db(), actorOf(user, ws), async (_tx, live) =>
        live.emit(PIPELINES_TOPIC, "pipeline.created", { pipeline: { name } }),
      );
    await emit("Before anyone listened");
    await eventually("the unheard event marked", async () =>
      (await outbox(ws, PIPELINES_TOPIC)).every((r) => r.delivered),
    );
    const socket = await connect(roomName(ws, PIPELINES_TOPIC), user.headers);
    await emit("While listening");
    await eventually("the new event", () => received(socket, "pipeline.created").length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(received(socket, "pipeline.created").map((m) => (m.pipeline as { name: string }).name)).toEqual([
      "While listening",
    ]);
    socket.ws.close();
  });
});
