// Is an access token's session still signed in? Sign-out deletes the session row; checking Postgres on every
// request would add a round trip to each API call, so each isolate remembers answers briefly.
//
// Staleness bound: an isolate trusts a "still active" answer for ACTIVE_TTL_MS (5 s). The isolate that
// handles the sign-out forgets the session at once; any other isolate refuses the session's access tokens
// at most 5 s later. "Revoked" is final, so it is remembered longer (until evicted).
import type { Queryable } from "../db/tenant";
import { asService } from "../db/tenant";
import type { Db } from "../db/client";
import { openDb } from "../db/client";
import { AppError } from "../lib/app-error";
import type { AuthConfig } from "./auth-config";
import { sessionExists } from "./auth-users.repo";

export const ACTIVE_TTL_MS = 5_000;
const REVOKED_TTL_MS = 60 * 60_000;
const MAX_ENTRIES = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const known = new Map<string, { active: boolean; until: number }>();

function remember(sessionId: string, active: boolean) {
  if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value!);
  known.set(sessionId, { active, until: Date.now() + (active ? ACTIVE_TTL_MS : REVOKED_TTL_MS) });
}

/** Called by sign-out and refresh-token theft detection in this isolate. */
export function forgetSessions(sessionIds: readonly string[]) {
  for (const id of sessionIds) remember(id, false);
}

/**
 * Whether the session exists. Uses `db` when the caller already has a connection, else opens one for this
 * single read (cache misses only).
 */
export async function isSessionActive(env: Env, sessionId: string, db?: Db): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  const cached = known.get(sessionId);
  if (cached && cached.until > Date.now()) return cached.active;
  const check = (q: Db) => asService(q, (tx: Queryable) => sessionExists(tx, sessionId));
  let active: boolean;
  if (db) {
    active = await check(db);
  } else {
    const handle = openDb(env.HYPERDRIVE.connectionString);
    try {
      active = await check(handle.db);
    } finally {
      handle.close().catch(() => {});
    }
  }
  remember(sessionId, active);
  return active;
}

/**
 * Refuses tokens of a signed-out session (embedded mode, where this Worker owns the sessions) with 401
 * UNAUTHENTICATED, `details.reason: "session_not_found"` — the API and the rooms answer every credential
 * that no longer works with 401; /auth/v1 turns it into GoTrue's 403 `session_not_found`. In Supabase mode
 * Supabase Auth owns the sessions; tokens are accepted until they expire, as PostgREST does.
 */
export async function requireActiveSession(env: Env, config: AuthConfig, sessionId: string | undefined, db?: Db) {
  if (config.mode !== "embedded" || !sessionId) return;
  if (!(await isSessionActive(env, sessionId, db))) {
    throw new AppError("UNAUTHENTICATED", "This session has ended (signed out). Sign in again.", {
      reason: SESSION_NOT_FOUND,
    });
  }
}

export const SESSION_NOT_FOUND = "session_not_found";
