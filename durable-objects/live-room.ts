import { Server } from "partyserver";
import type { Connection } from "partyserver";

export interface LiveEvent {
  type: string;
  [key: string]: unknown;
}

/**
 * A room that fans server-side events out to every WebSocket connected to it
 * (`/parties/live-room/<room>`). Clients only listen: state changes go through the REST API, which
 * then publishes here, so the API stays the single writer.
 */
export class LiveRoom extends Server<Env> {
  static options = { hibernate: true };

  onConnect(connection: Connection): void {
    connection.send(JSON.stringify({ type: "ready", room: this.name }));
  }

  /** Called by server code through `getServerByName(env.LiveRoom, room)`. Returns how many received it. */
  async publish(event: LiveEvent): Promise<number> {
    const payload = JSON.stringify(event);
    let delivered = 0;
    for (const connection of this.getConnections()) {
      connection.send(payload);
      delivered++;
    }
    return delivered;
  }
}
