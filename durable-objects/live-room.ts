import type { Connection } from "partyserver";
import { MemberRoom } from "./member-room";

export interface LiveEvent {
  type: string;
  [key: string]: unknown;
}

/**
 * A room that fans server-side events out to every current member connected to it
 * (`/parties/live-room/<workspace>.<topic>`). Clients only listen: state changes go through the REST API,
 * which then publishes here, so the API stays the single writer.
 */
export class LiveRoom extends MemberRoom {
  protected readonly binding = "LiveRoom" as const;

  onMemberConnect(connection: Connection): void {
    connection.send(JSON.stringify({ type: "ready", room: this.name }));
  }

  /** Called by server code through `getServerByName(env.LiveRoom, room)`. Returns how many received it. */
  async publish(event: LiveEvent): Promise<number> {
    return this.broadcastToMembers(JSON.stringify(event));
  }
}
