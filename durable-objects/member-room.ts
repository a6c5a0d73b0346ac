import { Server } from "partyserver";
import type { Connection, ConnectionContext } from "partyserver";
import { openDb } from "../workers/db/client";
import type { Db, DbHandle } from "../workers/db/client";
import { createLogger, describeError } from "../workers/lib/logger";
import {
  principalKey,
  parseRoomPrincipal,
  readPrincipalHeader,
  verifyRoomPrincipals,
} from "../workers/realtime/room-principal";
import type { RoomPrincipal, RoomVerdict } from "../workers/realtime/room-principal";
import { workspaceOfRoom } from "../workers/realtime/room-access";
import type { RoomBinding } from "../workers/realtime/room-classes";

/** While sockets are open, the room re-checks its listeners this often, so a missed push converges < 5 s. */
export const RECHECK_INTERVAL_MS = 3000;
/** Check in with the workspace's RoomRegistry at most this often (its lease is 30 s). */
const CHECK_IN_EVERY_MS = 10_000;

/** WebSocket close codes when access ends; clients must not reconnect on these (see app/lib/room-socket.ts). */
export const ROOM_CLOSE = { credential_revoked: 4401, not_member: 4403 } as const satisfies Record<
  Exclude<RoomVerdict, "ok">,
  number
>;

interface MemberConnectionState {
  principal: RoomPrincipal;
}

/**
 * A partyserver room whose listeners follow membership, not just the handshake: each socket carries its
 * principal (user, API key, session) in its hibernation-safe attachment; the room re-checks them against
 * Postgres on a push from the service that changed access, on an alarm every few seconds while sockets are
 * open, and before every fan-out. Sockets whose principal is no longer valid are closed, never sent to.
 * Room classes (board LiveRoom, per-lead rooms) extend this and send only through `broadcastToMembers`.
 */
export abstract class MemberRoom extends Server<Env> {
  static options = { hibernate: true };

  /** The class's Durable Object binding name, so pushes can find the room through the registry. */
  protected abstract readonly binding: RoomBinding;

  #db: DbHandle | undefined;
  #running: Promise<number> | undefined;
  #queued: Promise<number> | undefined;
  #checkedInAt = 0;

  async onConnect(connection: Connection, ctx: ConnectionContext): Promise<void> {
    const principal = readPrincipalHeader(ctx.request);
    if (!principal) {
      connection.close(ROOM_CLOSE.credential_revoked, "unauthenticated");
      return;
    }
    connection.setState({ principal } satisfies MemberConnectionState);
    await this.#watch();
    await this.onMemberConnect(connection, ctx);
  }

  /**
   * The room's own Postgres client, kept for the object's lifetime: one connection, opened on first use and
   * closed by the driver after a few idle seconds (reopened when needed). Opening a client per call cost a new
   * connection — Postgres forks a backend for each — several times per message.
   */
  protected db(): Db {
    this.#db ??= openDb(this.env.HYPERDRIVE.connectionString, { max: 1 });
    return this.#db.db;
  }

  /** The principal a socket was opened with (from its hibernation-safe attachment). */
  protected principalOf(connection: Connection): RoomPrincipal | undefined {
    return principalOf(connection);
  }

  /** What subclasses do with a new, verified listener (e.g. send a hello). */
  protected onMemberConnect(_connection: Connection, _ctx: ConnectionContext): void | Promise<void> {}

  /**
   * Re-validates every distinct principal in one query and closes the sockets of those no longer valid.
   * Returns how many sockets it closed. Calls coalesce, but a caller always waits for a check that started
   * after it called, so a change committed before the call is always seen.
   */
  recheck(): Promise<number> {
    if (!this.#running) {
      this.#running = this.#check().finally(() => (this.#running = undefined));
      return this.#running;
    }
    this.#queued ??= this.#running
      .catch(() => 0)
      .then(() => {
        this.#queued = undefined;
        return this.recheck();
      });
    return this.#queued;
  }

  /**
   * Sends to every current member, after closing the sockets of anyone who no longer is. Several payloads
   * share one check and go out in the order given. Returns how many sockets received them.
   */
  protected async broadcastToMembers(payload: string | readonly string[]): Promise<number> {
    await this.recheck();
    const payloads = typeof payload === "string" ? [payload] : payload;
    let delivered = 0;
    for (const connection of this.getConnections()) {
      for (const p of payloads) connection.send(p);
      delivered++;
    }
    return delivered;
  }

  async onAlarm(): Promise<void> {
    if (this.#open().length === 0) return; // nobody listening: stop waking up; the registry lease expires
    try {
      await this.recheck();
    } catch (err) {
      createLogger({ room: this.name }).error("room.recheck_failed", describeError(err));
    }
    await this.ctx.storage.setAlarm(Date.now() + RECHECK_INTERVAL_MS);
    await this.#checkIn();
  }

  async #check(): Promise<number> {
    const connections = this.#open();
    const principals = new Map<string, RoomPrincipal>();
    for (const connection of connections) {
      const principal = principalOf(connection);
      if (principal) principals.set(principalKey(principal), principal);
    }
    if (principals.size === 0) return this.#closeWhere(connections, () => "credential_revoked");
    const workspaceId = workspaceOfRoom(this.name);
    if (!workspaceId) return this.#closeWhere(connections, () => "not_member");
    const verdicts = await verifyRoomPrincipals(this.db(), workspaceId, [...principals.values()]);
    return this.#closeWhere(connections, (p) => verdicts.get(principalKey(p)) ?? "not_member");
  }

  #closeWhere(connections: Connection[], verdictOf: (p: RoomPrincipal) => RoomVerdict): number {
    let closed = 0;
    for (const connection of connections) {
      const principal = principalOf(connection);
      const verdict: RoomVerdict = principal ? verdictOf(principal) : "credential_revoked";
      if (verdict === "ok") continue;
      connection.close(ROOM_CLOSE[verdict], verdict);
      closed++;
    }
    return closed;
  }

  #open(): Connection[] {
    return [...this.getConnections()];
  }

  /** Starts the re-check alarm and the registry check-in when the first listener arrives. */
  async #watch(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + RECHECK_INTERVAL_MS);
    await this.#checkIn();
  }

  async #checkIn(): Promise<void> {
    const workspaceId = workspaceOfRoom(this.name);
    if (!workspaceId || Date.now() - this.#checkedInAt < CHECK_IN_EVERY_MS) return;
    this.#checkedInAt = Date.now();
    await this.env.RoomRegistry.getByName(workspaceId).checkIn(this.binding, this.name);
  }
}

function principalOf(connection: Connection): RoomPrincipal | undefined {
  return parseRoomPrincipal((connection.state as MemberConnectionState | null)?.principal);
}
