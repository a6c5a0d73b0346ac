import type { Connection } from "partyserver";
import { asService } from "../workers/db/tenant";
import { markDelivered, markTopicDelivered, undeliveredEvents } from "../workers/repos/live-events.repo";
import { workspaceOfRoom } from "../workers/realtime/room-access";
import type { RoomBinding } from "../workers/realtime/room-classes";
import { MemberRoom } from "./member-room";

export interface LiveEvent {
  type: string;
  [key: string]: unknown;
}

/** Events delivered per round trip; a long backlog (after an outage) goes out in several. */
const DELIVERY_BATCH = 100;

/**
 * A room that fans server-side events out to every current member connected to it
 * (`/parties/live-room/<workspace>.<topic>`). Clients only listen: state changes go through services, which
 * record events in the live-event outbox (decision 012) and then call `deliver()` here.
 */
export class LiveRoom extends MemberRoom {
  protected readonly binding: RoomBinding = "LiveRoom";

  #delivering: Promise<number> | undefined;
  #again: Promise<number> | undefined;

  onMemberConnect(connection: Connection): void {
    connection.send(JSON.stringify({ type: "ready", room: this.name }));
  }

  /** Sends an event that is not in the outbox (tests, diagnostics). Returns how many received it. */
  async publish(event: LiveEvent): Promise<number> {
    return this.broadcastToMembers(JSON.stringify(event));
  }

  /**
   * Delivers this topic's undelivered outbox events in sequence order and marks them delivered; returns how
   * many events went out. One drain at a time per room, and a caller always waits for a drain that started
   * after it called, so an event committed before the call is always included. If Postgres or the membership
   * check fails, nothing is marked and the sweep (or this room's alarm) retries.
   */
  deliver(): Promise<number> {
    if (!this.#delivering) {
      this.#delivering = this.#drain().finally(() => (this.#delivering = undefined));
      return this.#delivering;
    }
    this.#again ??= this.#delivering
      .catch(() => 0)
      .then(() => {
        this.#again = undefined;
        return this.deliver();
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

  async #drain(): Promise<number> {
    const workspaceId = workspaceOfRoom(this.name);
    if (!workspaceId) return 0;
    const topic = this.topicOf(workspaceId);
    const db = this.db();
    // Nobody is listening (most lead rooms, most of the time): there is no one to send to, so the events are
    // only marked — one statement instead of reading them and then marking them, per push.
    if ([...this.getConnections()].length === 0)
      return asService(db, (tx) => markTopicDelivered(tx, workspaceId, topic));
    let sent = 0;
    for (;;) {
      const events = await asService(db, (tx) => undeliveredEvents(tx, workspaceId, topic, DELIVERY_BATCH));
      if (events.length === 0) return sent;
      await this.broadcastToMembers(
        events.map((e) => JSON.stringify({ ...(e.payload as object), type: e.type, seq: e.seq })),
      );
      await asService(db, (tx) =>
        markDelivered(
          tx,
          events.map((e) => e.id),
        ),
      );
      sent += events.length;
      if (events.length < DELIVERY_BATCH) return sent;
    }
  }
}
