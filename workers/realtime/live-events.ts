// The service half of live events (decision 012): a service records its events in the transaction that made
// the change (the outbox), and once that commits, asks each touched topic's room to deliver them. API routes,
// the UI's React Router actions, queue consumers and Durable Objects all call services, so all of them
// produce the same events. A push that fails leaves the rows undelivered; `sweepLiveEvents` (cron) and the
// room's own alarm deliver them later, in order.
import { AsyncLocalStorage } from "node:async_hooks";
import { env as workerEnv, waitUntil } from "cloudflare:workers";
import { createLogger, describeError } from "../lib/logger";
import type { LiveRoom } from "../../durable-objects/live-room";
import type { Db } from "../db/client";
import { asService, asUser } from "../db/tenant";
import type { DbClaims, Tx } from "../db/tenant";
import { pruneDelivered, recordEvents, staleTopics } from "../repos/live-events.repo";
import { leadOfTopic } from "../messaging/messaging-live";
import { roomByName, roomName } from "./room-access";

/** Workspace-wide topic: pipelines created, renamed, deleted (the CRM page's picker listens here). */
export const PIPELINES_TOPIC = "pipelines";

/** One board: `card.upserted`, `card.deleted`, and its pipeline's `pipeline.renamed` / `pipeline.deleted`. */
export function boardTopic(pipelineId: string): string {
  return `board-${pipelineId}`;
}

export interface LiveEventSink {
  /** Queues an event for `topic`; it is written when the transaction's work is done, and only if it commits. */
  emit(topic: string, type: string, payload: Record<string, unknown>): void;
}

interface Draft {
  topic: string;
  type: string;
  payload: Record<string, unknown>;
}

/** Events older than this without delivery are the sweep's; younger ones are still in their own push. */
const SWEEP_GRACE_MS = 5_000;
const DELIVERED_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Runs `fn` in one transaction (`open` is asUser/asService bound to a database), writes the events it emitted
 * in that same transaction, and after the commit pushes them to their rooms without waiting. Events are
 * written after `fn`'s own statements and in topic order, so row locks are always taken data first, then
 * topic counters in one fixed order (no deadlocks between writers of several topics).
 */
export async function withLiveEvents<T>(
  open: (work: (tx: Tx) => Promise<T>) => Promise<T>,
  workspaceId: string,
  actorId: string | null,
  fn: (tx: Tx, live: LiveEventSink) => Promise<T>,
  env: Env = workerEnv,
): Promise<T> {
  const drafts: Draft[] = [];
  let through = new Map<string, number>();
  const result = await open(async (tx) => {
    const value = await fn(tx, {
      emit: (topic, type, payload) => drafts.push({ topic, type, payload: { ...payload, actorId } }),
    });
    drafts.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    through = await recordEvents(tx, workspaceId, drafts);
    return value;
  });
  deliverSoon(
    workspaceId,
    [...through].map(([topic, seq]) => ({ topic, seq })),
    env,
  );
  return result;
}

/** `withLiveEvents` as the signed-in actor (RLS applies; the events are attributed to them). */
export function asUserWithLiveEvents<T>(
  db: Db,
  actor: { claims: DbClaims; workspaceId: string; userId: string },
  fn: (tx: Tx, live: LiveEventSink) => Promise<T>,
  env: Env = workerEnv,
): Promise<T> {
  return withLiveEvents((work) => asUser(db, actor.claims, work), actor.workspaceId, actor.userId, fn, env);
}

/** `withLiveEvents` for background work (queue consumers, webhooks): service role, scoped by workspace. */
export function asServiceWithLiveEvents<T>(
  db: Db,
  workspaceId: string,
  fn: (tx: Tx, live: LiveEventSink) => Promise<T>,
  env: Env = workerEnv,
): Promise<T> {
  return withLiveEvents((work) => asService(db, work), workspaceId, null, fn, env);
}

/**
 * A topic to push and how far it goes: `seq` is the highest sequence number the caller committed (the room
 * then knows that much exists without asking Postgres); without it the room settles the topic completely.
 */
export interface TopicPush {
  topic: string;
  seq?: number;
}

/** Fire-and-forget after commit: the request does not wait for the rooms, and never fails because of them. */
export function deliverSoon(workspaceId: string, topics: readonly TopicPush[], env: Env = workerEnv): void {
  if (topics.length === 0) return;
  const push = deliverTopics(env, workspaceId, topics).catch(logPushFailure);
  try {
    waitUntil(push);
  } catch {
    // Outside a request context (a test calling the service directly): the promise still runs.
  }
}

/**
 * The room whose code is running right now (a LeadRoom sending a message), so events for its own topic are
 * delivered in place: a Durable Object calling itself through its own stub makes promises cross between its
 * incoming calls, which workerd refuses ("Cannot perform I/O on behalf of a different Durable Object").
 */
export const localRoom = new AsyncLocalStorage<{
  workspaceId: string;
  topic: string;
  deliver: (throughSeq?: number) => Promise<number>;
}>();

/** Asks each topic's room to deliver its undelivered events; returns how many events went out. */
export async function deliverTopics(env: Env, workspaceId: string, topics: readonly TopicPush[]): Promise<number> {
  const here = localRoom.getStore();
  // Callers name each topic once: withLiveEvents from its per-topic map, the sweep one topic per call.
  const counts = await Promise.all(
    topics.map(async ({ topic, seq }) => {
      if (here && here.workspaceId === workspaceId && here.topic === topic) return here.deliver(seq);
      // A lead's topic is delivered by its LeadRoom (decision 016), every other topic by a LiveRoom.
      const leadId = leadOfTopic(topic);
      const room = leadId
        ? roomByName(env.LeadRoom as unknown as DurableObjectNamespace<LiveRoom>, roomName(workspaceId, leadId))
        : roomByName(env.LiveRoom as unknown as DurableObjectNamespace<LiveRoom>, roomName(workspaceId, topic));
      return room.deliver(seq);
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Delivers every event whose push failed (older than a few seconds and still undelivered), and forgets
 * delivered events after a day. Run by the Worker's cron trigger; safe to run at any time, from anywhere.
 */
export async function sweepLiveEvents(
  db: Db,
  env: Env = workerEnv,
  graceMs = SWEEP_GRACE_MS,
): Promise<{ topics: number; delivered: number }> {
  const now = Date.now();
  const stale = await asService(db, (tx) => staleTopics(tx, new Date(now - graceMs), 500));
  const results = await Promise.allSettled(stale.map((s) => deliverTopics(env, s.workspaceId, [{ topic: s.topic }])));
  for (const r of results) if (r.status === "rejected") logPushFailure(r.reason);
  await asService(db, (tx) => pruneDelivered(tx, new Date(now - DELIVERED_RETENTION_MS)));
  const delivered = results.reduce((n, r) => n + (r.status === "fulfilled" ? r.value : 0), 0);
  return { topics: stale.length, delivered };
}

/** Through the shared logger, so a database error's values are scrubbed like everywhere else. */
function logPushFailure(err: unknown): number {
  createLogger().error("live.push_failed", describeError(err));
  return 0;
}
