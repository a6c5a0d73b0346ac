// The push half of "rooms follow membership": a service that ended someone's access tells the rooms of the
// affected workspaces to re-check now. The rooms' own alarm re-check (every few seconds) is the safety net,
// so a failed push only delays the close; it never fails the operation that triggered it.
import { env as workerEnv } from "cloudflare:workers";
import { createLogger, describeError } from "../lib/logger";
import { getServerByName } from "partyserver";
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { workspaceIdsOfUser } from "../repos/room-access.repo";
import { isRoomBinding, roomNamespace } from "./room-classes";

/** A push waits at most this long, so a slow room never holds up a member removal or a sign-out. */
const PUSH_TIMEOUT_MS = 2000;

/**
 * Makes every open room of these workspaces re-check its listeners against Postgres (call it after the change
 * committed). Returns how many sockets were closed. `env` defaults to the Worker's bindings because the
 * services that call it (members, API keys, sign-out) take only a database handle.
 */
export async function recheckWorkspaceRooms(workspaceIds: readonly string[], env: Env = workerEnv): Promise<number> {
  const push = Promise.all([...new Set(workspaceIds)].map((id) => recheckOneWorkspace(env, id))).then((n) =>
    n.reduce((a, b) => a + b, 0),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(0), PUSH_TIMEOUT_MS)));
  try {
    return await Promise.race([push.catch(logPushFailure), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sign-out is not scoped to a workspace: re-check the rooms of every workspace the user belongs to. */
export async function recheckUserRooms(db: Db, userId: string, env: Env = workerEnv): Promise<number> {
  try {
    const workspaceIds = await asService(db, (tx) => workspaceIdsOfUser(tx, userId));
    return await recheckWorkspaceRooms(workspaceIds, env);
  } catch (err) {
    return logPushFailure(err);
  }
}

async function recheckOneWorkspace(env: Env, workspaceId: string): Promise<number> {
  const rooms = await env.RoomRegistry.getByName(workspaceId).rooms();
  const closed = await Promise.all(
    rooms
      .filter((r) => isRoomBinding(r.binding))
      .map(async ({ binding, room }) => {
        if (!isRoomBinding(binding)) return 0;
        const stub = await getServerByName(roomNamespace(env, binding), room);
        return stub.recheck();
      }),
  );
  return closed.reduce((a, b) => a + b, 0);
}

/** Through the shared logger, so a database error's values are scrubbed like everywhere else. */
function logPushFailure(err: unknown): number {
  createLogger().error("room.push_failed", describeError(err));
  return 0;
}
