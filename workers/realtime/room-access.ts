import { accessTokenFromCookie, userFromAccessToken } from "../auth/principal";
import { openDb } from "../db/client";
import { AppError } from "../lib/app-error";
import { resolveWorkspace } from "../services/workspaces.service";

/** Room names are `<workspace id>.<topic>`; only members of that workspace may listen. */
const ROOM_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{1,100}$/;

export function roomName(workspaceId: string, topic: string): string {
  return `${workspaceId}.${topic}`;
}

/**
 * Browsers cannot set headers on a WebSocket, so the token may also come as `?access_token=` or from the
 * session cookie. Returns an error response to refuse the connection, or undefined to let it through.
 */
export async function authorizeRoom(request: Request, room: string, env: Env, ctx: ExecutionContext): Promise<Response | undefined> {
  const match = ROOM_NAME.exec(room);
  if (!match) return errorResponse(new AppError("RESOURCE_NOT_FOUND", "No such room."));
  const url = new URL(request.url);
  const header = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const token = header ?? url.searchParams.get("access_token") ?? (await accessTokenFromCookie(request, env, ctx)).token;
  if (!token) return errorResponse(new AppError("UNAUTHENTICATED", "Sign in to join this room."));
  const db = openDb(env.HYPERDRIVE.connectionString);
  try {
    const user = await userFromAccessToken(env, token);
    await resolveWorkspace(db.db, user.claims, match[1]);
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return errorResponse(err);
    throw err;
  } finally {
    ctx.waitUntil(db.close().catch(() => {}));
  }
}

function errorResponse(error: AppError): Response {
  return Response.json(error.toEnvelope(), { status: error.status });
}
