// Connecting X accounts (issue 17): OAuth 2.0 authorization code with PKCE. The connect call returns X's
// authorize URL with a single-use state that keeps the PKCE verifier (oauth-state.service.ts); the callback trades
// the code for tokens, reads who authorised (/2/users/me), upserts the `x` channel account, seals the tokens
// (channel-credentials.ts) and starts the account's XAccount Durable Object (token owner and DM poller).
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { asServiceWithLiveEvents, asUserWithLiveEvents } from "../realtime/live-events";
import { applyAccountStatus, deleteChannelAccount } from "../repos/channel-accounts.repo";
import type { ChannelAccountRecord } from "../repos/channel-accounts.repo";
import { failQueuedOfAccount } from "../repos/messages.repo";
import { connectedElsewhere, memberRole, upsertOAuthAccount } from "../repos/oauth-channel-accounts.repo";
import type { Actor } from "../services/actor";
import { auditedBy, recordAudit } from "../services/audit.service";
import { channelAccountJson, emitChannelRemoved, emitChannelUpdated } from "./channel-account-json";
import { loadAccountCredentials, saveAccountCredentials } from "./channel-credentials";
import { X_SCOPES, type XTokens, XTokensSchema, getMe, tokenRequest, xConfig } from "./channels/x-api.http";
import { emitMessageStatus } from "./messaging-live";
import { finishOAuthFlow, pkcePair, startOAuthFlow } from "./oauth-state.service";

export const X_PROVIDER = "x-api";
const OAUTH_PROVIDER = "x";

export const xCallbackUrl = (origin: string) => `${origin}/api/channels/x/callback`;

/** The account's Durable Object (token owner, DM poller), named by the channel account id. */
export function xAccountObject(env: Env, accountId: string) {
  return env.XAccount.getByName(accountId);
}

/** Step 1: where to send the rep's browser. 503 when X or the credential keys are not configured. */
export async function startXConnect(db: Db, env: Env, actor: Actor, origin: string): Promise<{ url: string }> {
  const config = xConfig(env);
  if (!env.CHANNEL_SECRETS_KEYS || !env.CHANNEL_SECRETS_KEY_ID)
    throw new AppError("SERVICE_UNAVAILABLE", "X tokens cannot be stored: CHANNEL_SECRETS_KEYS is not set.", {
      reason: "not_configured",
      setting: "CHANNEL_SECRETS_KEYS",
    });
  const { verifier, challenge } = await pkcePair();
  const state = await startOAuthFlow(db, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    provider: OAUTH_PROVIDER,
    codeVerifier: verifier,
  });
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: xCallbackUrl(origin),
    scope: X_SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return { url: url.toString() };
}

const fail = (
  reason: string,
  message: string,
  code: "BAD_REQUEST" | "FORBIDDEN" | "SERVICE_UNAVAILABLE" = "BAD_REQUEST",
) => new AppError(code, message, { reason });

/** Step 2: X sent the browser back. Returns the connected account's id; errors carry `details.reason`. */
export async function finishXConnect(
  db: Db,
  env: Env,
  actor: Actor,
  query: { code?: string; state?: string; error?: string },
  origin: string,
): Promise<{ accountId: string }> {
  const config = xConfig(env);
  const flow = await finishOAuthFlow(db, OAUTH_PROVIDER, query.state).catch((err: unknown) => {
    throw err instanceof AppError ? fail("state_invalid", err.message) : err;
  });
  // The flow is bound to who started it: a link started by someone else cannot attach an X account to their
  // workspace through this rep's browser (connection CSRF).
  if (flow.userId !== actor.userId)
    throw fail("wrong_user", "This connect link was started by another user.", "FORBIDDEN");
  if (query.error || !query.code) throw fail("access_denied", "X access was not granted.");
  // The flow outlives the request that started it: whoever started it must still be an owner or admin.
  const role = await asService(db, (tx) => memberRole(tx, flow.workspaceId, flow.userId));
  if (role !== "owner" && role !== "admin")
    throw fail("forbidden", "Only an owner or admin can connect channels.", "FORBIDDEN");
  const exchanged = await tokenRequest(config, {
    grant_type: "authorization_code",
    code: query.code,
    redirect_uri: xCallbackUrl(origin),
    code_verifier: flow.codeVerifier ?? "",
  });
  if (!exchanged.ok) throw fail("token_exchange_failed", "X did not accept the authorization code.");
  const me = await getMe(config, exchanged.data.accessToken);
  if (!me.ok) throw fail("profile_failed", "X did not say which account was authorised.", "SERVICE_UNAVAILABLE");
  const who = me.data.data;
  const workspaceId = flow.workspaceId;

  const account = await asServiceWithLiveEvents(
    db,
    workspaceId,
    async (tx, live) => {
      if (await connectedElsewhere(tx, { workspaceId, channel: "x", externalId: who.id }))
        throw fail("connected_elsewhere", `@${who.username} is already connected in another workspace.`);
      const row = await upsertOAuthAccount(tx, {
        workspaceId,
        channel: "x",
        provider: X_PROVIDER,
        displayName: `@${who.username}`,
        externalId: who.id,
        createdBy: actor.userId,
        at: new Date(),
      });
      await saveAccountCredentials(tx, env, workspaceId, row.id, exchanged.data);
      await recordAudit(tx, {
        ...auditedBy({ ...actor, workspaceId }),
        event: "channel.connected",
        subject: row.id,
        details: { channel: "x", username: who.username },
      });
      emitChannelUpdated(live, channelAccountJson(row));
      return row;
    },
    env,
  );
  await xAccountObject(env, account.id).start({ workspaceId, accountId: account.id, xUserId: who.id });
  return { accountId: account.id };
}

/** The account's sealed tokens (service role), or undefined when none are stored. */
export async function loadXTokens(
  db: Db,
  env: Env,
  workspaceId: string,
  accountId: string,
): Promise<XTokens | undefined> {
  const stored = await asService(db, (tx) => loadAccountCredentials(tx, env, workspaceId, accountId));
  const parsed = XTokensSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

/** Seals a refreshed pair at once: the old refresh token no longer works once X rotated it. */
export async function saveXTokens(db: Db, env: Env, workspaceId: string, accountId: string, tokens: XTokens) {
  await asService(db, (tx) => saveAccountCredentials(tx, env, workspaceId, accountId, tokens));
}

/** X refuses the account's tokens: it stops routing (fallback skips it) and the channels page says why. */
export async function markXAccountDisconnected(
  db: Db,
  env: Env,
  workspaceId: string,
  accountId: string,
  reason: string,
): Promise<void> {
  await asServiceWithLiveEvents(
    db,
    workspaceId,
    async (tx, live) => {
      const updated = await applyAccountStatus(tx, workspaceId, accountId, {
        status: "disconnected",
        providerStatus: "revoked",
        reason,
        phone: null,
        at: new Date(),
      });
      if (updated) emitChannelUpdated(live, channelAccountJson(updated));
    },
    env,
  );
}

/**
 * Removes an X account: its poller stops, its queued messages end failed (the rep sees why), and the row goes with
 * its sealed tokens (cascade). X itself keeps the app authorised until the user revokes it in their X settings.
 */
export async function removeXAccount(db: Db, env: Env, actor: Actor, account: ChannelAccountRecord): Promise<void> {
  await xAccountObject(env, account.id).stop();
  await asUserWithLiveEvents(db, actor, async (tx, live) => {
    const failed = await failQueuedOfAccount(tx, actor.workspaceId, account.id, {
      code: "account_removed",
      message: `The X account ${account.displayName} was disconnected before this message went out.`,
    });
    for (const message of failed) emitMessageStatus(live, message);
    if (await deleteChannelAccount(tx, actor.workspaceId, account.id)) emitChannelRemoved(live, account.id);
  });
  await asService(db, (tx) =>
    recordAudit(tx, {
      ...auditedBy(actor),
      event: "channel.removed",
      subject: account.id,
      details: { channel: "x", name: account.displayName },
    }),
  );
}
