// Who holds a room socket, carried from the Worker's handshake check into the room (hibernation-safe, in
// the socket attachment), and the one check both the handshake and the room's re-checks run.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { principalValidity } from "../repos/room-access.repo";

export interface RoomPrincipal {
  userId: string;
  /** Set when the socket was opened with an API key: revoking the key ends it. */
  apiKeyId: string | null;
  /** The auth session behind the access token (`session_id` claim): signing out ends it. */
  sessionId: string | null;
}

/** `ok`, or why the principal may no longer listen: the credential ended, or the membership did. */
export type RoomVerdict = "ok" | "credential_revoked" | "not_member";

/** Set by the Worker on the request it forwards to the room, replacing anything the client sent. */
export const ROOM_PRINCIPAL_HEADER = "x-room-principal";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

export function principalKey(p: RoomPrincipal): string {
  return `${p.userId}|${p.apiKeyId ?? ""}|${p.sessionId ?? ""}`;
}

export function parseRoomPrincipal(value: unknown): RoomPrincipal | undefined {
  if (!value || typeof value !== "object") return undefined;
  const { userId, apiKeyId, sessionId } = value as Record<string, unknown>;
  if (!isUuid(userId)) return undefined;
  if (apiKeyId !== null && !isUuid(apiKeyId)) return undefined;
  if (sessionId !== null && !isUuid(sessionId)) return undefined;
  return { userId, apiKeyId, sessionId };
}

export function readPrincipalHeader(request: Request): RoomPrincipal | undefined {
  try {
    return parseRoomPrincipal(JSON.parse(request.headers.get(ROOM_PRINCIPAL_HEADER) ?? "null"));
  } catch {
    return undefined;
  }
}

/** Verdicts by `principalKey`, from one query: membership, key revocation and session validity in Postgres. */
export async function verifyRoomPrincipals(
  db: Db,
  workspaceId: string,
  principals: RoomPrincipal[],
): Promise<Map<string, RoomVerdict>> {
  const verdicts = new Map<string, RoomVerdict>();
  if (principals.length === 0) return verdicts;
  const rows = principals.map((p) => ({ key: principalKey(p), ...p }));
  const results = await asService(db, (tx) => principalValidity(tx, workspaceId, rows));
  for (const r of results)
    verdicts.set(r.key, !r.member ? "not_member" : r.credentialActive ? "ok" : "credential_revoked");
  return verdicts;
}
