// The handshake check every room class shares: room name, Origin, credential, then membership and the
// credential's liveness in Postgres. A refusal is a real HTTP answer with the error envelope before any
// upgrade, so clients can tell "not allowed" from "network trouble" and stop retrying.
import { accessTokenFromCookie, userFromAccessToken } from "../auth/principal";
import { openDb } from "../db/client";
import type { Db } from "../db/client";
import { AppError } from "../lib/app-error";
import { allowedOrigins } from "../lib/security-headers";
import { authenticateApiKey, looksLikeApiKey } from "../services/api-keys.service";
import { ROOM_PRINCIPAL_HEADER, isUuid, verifyRoomPrincipals } from "./room-principal";
import type { RoomPrincipal } from "./room-principal";

/** Room names are `<workspace id>.<topic>`; only members of that workspace may listen. */
const ROOM_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{1,100}$/;

export function roomName(workspaceId: string, topic: string): string {
  return `${workspaceId}.${topic}`;
}

export function workspaceOfRoom(room: string): string | undefined {
  return ROOM_NAME.exec(room)?.[1];
}

type CredentialSource = "header" | "query" | "cookie";

interface Credential {
  token: string | undefined;
  source: CredentialSource | undefined;
}

/**
 * Browsers cannot set headers on a WebSocket, so the token may also come as `?access_token=` or from the
 * session cookie. Non-browser clients send `Authorization: Bearer <token or API key>` or `x-api-key`.
 */
async function roomCredential(request: Request, env: Env, ctx: ExecutionContext): Promise<Credential> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const header = request.headers.get("x-api-key") ?? bearer;
  if (header) return { token: header, source: "header" };
  const query = new URL(request.url).searchParams.get("access_token");
  if (query) return { token: query, source: "query" };
  const cookie = (await accessTokenFromCookie(request, env, ctx)).token;
  return { token: cookie, source: cookie ? "cookie" : undefined };
}

/**
 * The app's own origin and CORS_ALLOWED_ORIGINS may open sockets. Browsers always send Origin on a
 * WebSocket upgrade, so an upgrade without one is a non-browser client: allowed only with an explicit
 * credential (header or query), never on the strength of a cookie alone (cross-site socket hijacking).
 */
export function checkOrigin(request: Request, env: Env, source: CredentialSource | undefined): AppError | undefined {
  const origin = request.headers.get("origin");
  if (origin === null) {
    const upgrade = request.headers.get("upgrade")?.toLowerCase() === "websocket";
    if (upgrade && source === "cookie")
      return new AppError("FORBIDDEN", "WebSocket upgrades with the session cookie must carry an Origin header.");
    return undefined;
  }
  const allowed = [new URL(request.url).origin, ...allowedOrigins(env.CORS_ALLOWED_ORIGINS)];
  if (allowed.includes(origin)) return undefined;
  return new AppError("FORBIDDEN", "This origin may not open live rooms.", { origin });
}

/** Resolves the credential to the principal that will hold the socket, or throws the refusal. */
async function principalFor(db: Db, env: Env, token: string, workspaceId: string): Promise<RoomPrincipal> {
  if (looksLikeApiKey(token)) {
    const key = await authenticateApiKey(db, token);
    if (key.workspaceId !== workspaceId)
      throw new AppError("RESOURCE_NOT_FOUND", "No such workspace.", { workspaceId });
    return { userId: key.createdBy, apiKeyId: key.id, sessionId: null };
  }
  const user = await userFromAccessToken(env, token);
  const sessionId = user.claims.session_id;
  if (sessionId !== undefined && !isUuid(sessionId))
    throw new AppError("UNAUTHENTICATED", "The access token's session is not valid.");
  return { userId: user.userId, apiKeyId: null, sessionId: sessionId ?? null };
}

/**
 * Returns the request to forward to the room (carrying the principal in ROOM_PRINCIPAL_HEADER, which the
 * client cannot set: it is always overwritten here), or the error response refusing it.
 */
export async function authorizeRoom(
  request: Request,
  room: string,
  env: Env,
  ctx: ExecutionContext,
): Promise<Request | Response> {
  const workspaceId = workspaceOfRoom(room);
  if (!workspaceId) return errorResponse(new AppError("RESOURCE_NOT_FOUND", "No such room."));
  const credential = await roomCredential(request, env, ctx);
  const originError = checkOrigin(request, env, credential.source);
  if (originError) return errorResponse(originError);
  if (!credential.token) return errorResponse(new AppError("UNAUTHENTICATED", "Sign in to join this room."));
  const db = openDb(env.HYPERDRIVE.connectionString);
  try {
    const principal = await principalFor(db.db, env, credential.token, workspaceId);
    const verdict = (await verifyRoomPrincipals(db.db, workspaceId, [principal])).values().next().value;
    if (verdict === "credential_revoked")
      throw new AppError("UNAUTHENTICATED", "This session has ended or the API key was revoked.");
    if (verdict !== "ok") throw new AppError("RESOURCE_NOT_FOUND", "No such workspace.", { workspaceId });
    const headers = new Headers(request.headers);
    headers.set(ROOM_PRINCIPAL_HEADER, JSON.stringify(principal));
    return new Request(request, { headers });
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

/**
 * The stub of a room addressed by name, without partyserver's `getServerByName` round trip: that one first
 * calls `setName` to await `onStart()` and hand over props, and our rooms have neither (their `name` comes
 * from `ctx.id.name`), so it would only double every push and dispatch.
 */
export function roomByName<T extends Rpc.DurableObjectBranded | undefined>(
  namespace: DurableObjectNamespace<T>,
  room: string,
): DurableObjectStub<T> {
  return namespace.get(namespace.idFromName(room));
}
