import type { Connection } from "partyserver";
import { asService } from "../workers/db/tenant";
import { markTopicDelivered, undeliveredEvents } from "../workers/repos/live-events.repo";
import { workspaceOfRoom } from "../workers/realtime/room-access";
import type { RoomBinding } from "../workers/realtime/room-classes";
import { MemberRoom } from "./member-room";

export interface LiveEvent {
  type: string;
  [key: string]: unknown;
}

/** Events delivered per round trip; a long backlog (after an outage) goes out in several. */
const DELIVERY_BATCH = 100;
/** How long delivered events wait to be marked, well inside the sweep's grace (SWEEP_GRACE_MS, 5 s). */
const MARK_DELAY_MS = 1_000;

/**
 * A room that fans server-side events out to every current member connected to it
 * (`/parties/live-room/<workspace>.<topic>`). Clients only listen: state changes go through services, which
 * record events in the live-event outbox (decision 012) and then call `deliver()` here.
 */
export class LiveRoom extends MemberRoom {
  protected readonly binding: RoomBinding = "LiveRoom";

  #delivering: Promise<number> | undefined;
  #again: Promise<number> | undefined;
  #againThrough: number | undefined;
  /** The highest seq this instance has handled: broadcast to its listeners, or (without any) to nobody. */
  #doneThrough = 0;
  #markTimer: ReturnType<typeof setTimeout> | undefined;

  onMemberConnect(connection: Connection): void {
    connection.send(JSON.stringify({ type: "ready", room: this.name }));
  }

  /** Sends an event that is not in the outbox (tests, diagnostics). Returns how many received it. */
  async publish(event: LiveEvent): Promise<number> {
    return this.broadcastToMembers(JSON.stringify(event));
  }

  /**
   * Delivers this topic's undelivered outbox events in sequence order; returns how many events went out. One
   * drain at a time per room, and a caller always waits for a drain that started after it called, so an event
   * committed before the call is always included. `throughSeq` is how far the caller's commit numbered the
   * topic: the rows are then marked delivered a moment later, many pushes in one statement (decision 012).
   * Without it (the sweep, the alarm) they are marked before this returns. If Postgres or the membership
   * check fails, nothing is marked and the sweep (or this room's alarm) retries.
   */
  deliver(throughSeq?: number): Promise<number> {
    if (!this.#delivering) {
      this.#delivering = this.#drain(throughSeq).finally(() => (this.#delivering = undefined));
      return this.#delivering;
    }
    // The next drain covers every caller waiting for it: the highest seq, or a settle if any asked for one.
    this.#againThrough =
      throughSeq === undefined || (this.#again && this.#againThrough === undefined)
        ? undefined
        : Math.max(this.#againThrough ?? 0, throughSeq);
    this.#again ??= this.#delivering
      .catch(() => 0)
      .then(() => {
        this.#again = undefined;
        return this.deliver(this.#againThrough);
      });
    return this.#again;
  }

  /** The outbox topic this room delivers: the part of its name after the workspace id. */
  protected topicOf(workspaceId: string): string {
    return this.name.slice(workspaceId.length + 1);
  }

  /** While listeners are connected the alarm also drains, so a failed push reaches them within seconds. */
  async onAlarm(): Promise<void> {
    await super.onAlarm();
    if ([...this.getConnections()].length > 0) await this.deliver().catch(() => 0);
  }

  async #drain(throughSeq: number | undefined): Promise<number> {
    const workspaceId = workspaceOfRoom(this.name);
    if (!workspaceId) return 0;
    const topic = this.topicOf(workspaceId);
    const db = this.db();
    let sent = 0;
    if ([...this.getConnections()].length === 0) {
      // Nobody is listening (most lead rooms, most of the time): nothing to read or send, only to mark.
      if (throughSeq === undefined) return asService(db, (tx) => markTopicDelivered(tx, workspaceId, topic));
      this.#doneThrough = Math.max(this.#doneThrough, throughSeq);
    } else {
      for (;;) {
        const events = await asService(db, (tx) =>
          undeliveredEvents(tx, workspaceId, topic, DELIVERY_BATCH, this.#doneThrough),
        );
        if (events.length > 0) {
          await this.broadcastToMembers(
            events.map((e) => JSON.stringify({ ...(e.payload as object), type: e.type, seq: e.seq })),
          );
          this.#doneThrough = events.at(-1)!.seq;
          sent += events.length;
        }
        if (events.length < DELIVERY_BATCH) break;
      }
    }
    if (throughSeq === undefined) await this.#markDone(workspaceId, topic);
    else this.#markSoon(workspaceId, topic);
    return sent;
  }

  /** Marks what this instance handled a moment from now, so a burst of pushes costs one statement. */
  #markSoon(workspaceId: string, topic: string): void {
    this.#markTimer ??= setTimeout(() => {
      this.#markTimer = undefined;
      this.#markDone(workspaceId, topic).catch(() => undefined); // the sweep marks what this could not
    }, MARK_DELAY_MS);
  }

  async #markDone(workspaceId: string, topic: string): Promise<void> {
    if (this.#doneThrough > 0)
      await asService(this.db(), (tx) => markTopicDelivered(tx, workspaceId, topic, this.#doneThrough));
  }
}
