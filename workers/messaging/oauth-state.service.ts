// The `state` of an OAuth connect flow (Facebook Page, X account): random, single-use, short-lived, bound to the
// workspace and user who started it, and stored only as its SHA-256 (a database read cannot forge a callback).
// PKCE providers (X) keep the verifier with it; the callback route finds both by the state it receives.
import { randomToken, sha256Hex, toBase64Url } from "../auth/crypto";
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { insertOAuthState, takeOAuthState } from "../repos/oauth-states.repo";
import type { OAuthStateRecord } from "../repos/oauth-states.repo";

const STATE_TTL_MS = 10 * 60 * 1000;

/** PKCE (RFC 7636, S256): a verifier and its challenge. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken(48);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  return { verifier, challenge: toBase64Url(digest) };
}

/** Starts a flow: returns the `state` to send to the provider. */
export async function startOAuthFlow(
  db: Db,
  flow: { workspaceId: string; userId: string; provider: string; codeVerifier?: string; data?: unknown },
  now = new Date(),
): Promise<string> {
  const state = randomToken();
  await asService(db, async (tx) =>
    insertOAuthState(tx, {
      stateHash: await sha256Hex(state),
      workspaceId: flow.workspaceId,
      userId: flow.userId,
      provider: flow.provider,
      codeVerifier: flow.codeVerifier ?? null,
      data: flow.data ?? {},
      expiresAt: new Date(now.getTime() + STATE_TTL_MS),
    }),
  );
  return state;
}

/** Consumes a flow's state (once). Unknown, expired, used or another provider's → 400, nothing else happens. */
export async function finishOAuthFlow(
  db: Db,
  provider: string,
  state: string | undefined,
  now = new Date(),
): Promise<OAuthStateRecord> {
  const flow =
    state && state.length <= 200
      ? await asService(db, async (tx) => takeOAuthState(tx, provider, await sha256Hex(state), now))
      : undefined;
  if (!flow)
    throw new AppError("BAD_REQUEST", "This connect link has expired or was already used. Start connecting again.", {
      fields: { state: "unknown, expired or already used" },
    });
  return flow;
}
