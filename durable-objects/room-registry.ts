import { DurableObject } from "cloudflare:workers";

/** How long a room stays listed after its last check-in; open rooms check in far more often than this. */
export const ROOM_LEASE_MS = 30_000;

export interface RegisteredRoom {
  /** The Durable Object binding of the room class, e.g. `LiveRoom`. */
  binding: string;
  room: string;
}

/**
 * One per workspace (named by its id): which rooms of that workspace have sockets open, so a service that
 * ends someone's access (member removed, key revoked, sign-out, workspace deleted) can tell exactly those
 * rooms to re-check. Rooms check in while they hold sockets; entries expire on their own, so a room that
 * died without saying goodbye costs one wasted re-check at most.
 */
export class RoomRegistry extends DurableObject<Env> {
  async checkIn(binding: string, room: string): Promise<void> {
    await this.ctx.storage.put(`${binding}/${room}`, Date.now() + ROOM_LEASE_MS);
  }

  async rooms(): Promise<RegisteredRoom[]> {
    const now = Date.now();
    const entries = await this.ctx.storage.list<number>();
    const expired = [...entries].filter(([, expiresAt]) => expiresAt <= now).map(([key]) => key);
    if (expired.length > 0) await this.ctx.storage.delete(expired);
    return [...entries]
      .filter(([, expiresAt]) => expiresAt > now)
      .map(([key]) => ({ binding: key.slice(0, key.indexOf("/")), room: key.slice(key.indexOf("/") + 1) }));
  }
}
