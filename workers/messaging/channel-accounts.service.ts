// The workspace's channel accounts (issue 16): listing them, and connecting, pausing, limiting and removing
// WhatsApp numbers, which live in the session-host (decision 017). Every host call names the workspace, so the
// host checks the session is that workspace's too; a host that does not answer is a 503, never a 500.
import type { Db } from "../db/client";
import { asService, asUser } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { asServiceWithLiveEvents, asUserWithLiveEvents } from "../realtime/live-events";
import {
  applyAccountStatus,
  deleteChannelAccount,
  findChannelAccount,
  insertChannelAccount,
  listChannelAccounts,
} from "../repos/channel-accounts.repo";
import type { ChannelAccountRecord } from "../repos/channel-accounts.repo";
import { failQueuedOfAccount } from "../repos/messages.repo";
import type { Actor } from "../services/actor";
import { auditedBy, recordAudit } from "../services/audit.service";
import type { ProviderEvent } from "./channel-adapter";
import { CHANNEL_LABELS } from "./channel-labels";
import { emitMessageStatus } from "./messaging-live";
import {
  type ChannelAccountJson,
  channelAccountJson,
  emitChannelRemoved,
  emitChannelUpdated,
  type Limits,
  routingStatus,
  SESSION_HOST_PROVIDER,
} from "./channel-account-json";
import { ACCOUNT_STATUS_OF } from "./channels/session-host.webhook";
import type { LinkedinCookie } from "../../session-host/src/protocol/api";
import { type SessionView, sessionHostClient } from "./channels/session-host.http";
import { X_PROVIDER, removeXAccount } from "./x-accounts.service";

export async function listChannels(db: Db, env: Env, actor: Actor): Promise<ChannelAccountJson[]> {
  const accounts = await asUser(db, actor.claims, (tx) => listChannelAccounts(tx, actor.workspaceId));
  if (!accounts.some((a) => a.provider === SESSION_HOST_PROVIDER)) return accounts.map((a) => channelAccountJson(a));
  // The list still answers when the host does not: the stored state, marked as such.
  const sessions = await sessionHostClient(env)
    .listSessions(actor.workspaceId)
    .catch(() => undefined);
  const byId = new Map(sessions?.map((s) => [s.id, s]));
  return accounts.map((a) =>
    a.provider === SESSION_HOST_PROVIDER
      ? channelAccountJson(a, { session: byId.get(a.externalId), reachable: sessions !== undefined })
      : channelAccountJson(a),
  );
}

export function connectWhatsapp(db: Db, env: Env, actor: Actor, name: string): Promise<ChannelAccountJson> {
  return connectHostSession(db, env, actor, name);
}

/** A LinkedIn account on the rep's own cookie session, run by the session-host (decision 020). */
export function connectLinkedin(
  db: Db,
  env: Env,
  actor: Actor,
  name: string,
  cookie: LinkedinCookie,
): Promise<ChannelAccountJson> {
  return connectHostSession(db, env, actor, name, { cookie });
}

async function connectHostSession(
  db: Db,
  env: Env,
  actor: Actor,
  name: string,
  linkedin?: { cookie: LinkedinCookie },
): Promise<ChannelAccountJson> {
  const host = sessionHostClient(env);
  const session = await host.createSession(actor.workspaceId, name, linkedin);
  try {
    const account = await asUserWithLiveEvents(db, actor, async (tx, live) => {
      const row = await insertChannelAccount(tx, {
        workspaceId: actor.workspaceId,
        channel: linkedin ? "linkedin" : "whatsapp",
        provider: SESSION_HOST_PROVIDER,
        displayName: name,
        externalId: session.id,
        status: "pending",
        credentialsRef: `${SESSION_HOST_PROVIDER}:${session.id}`,
        providerStatus: session.status,
        statusAt: new Date(session.updatedAt),
        createdBy: actor.userId,
      });
      const json = channelAccountJson(row, { session, reachable: true });
      emitChannelUpdated(live, json);
      return json;
    });
    await asService(db, (tx) =>
      recordAudit(tx, {
        ...auditedBy(actor),
        event: "channel.connected",
        subject: account.id,
        details: { name, channel: account.channel },
      }),
    );
    return account;
  } catch (error) {
    // No row, no session: a session nobody can see would keep a socket open for nothing.
    await host.deleteSession(actor.workspaceId, session.id).catch(() => {});
    throw error;
  }
}

/** The workspace's WhatsApp account `id`, or a 404 (RLS hides other workspaces' rows). */
async function hostAccount(db: Db, actor: Actor, id: string): Promise<ChannelAccountRecord> {
  const account = await asUser(db, actor.claims, (tx) => findChannelAccount(tx, actor.workspaceId, id));
  if (!account) throw new AppError("RESOURCE_NOT_FOUND", "No such channel account.", { id });
  if (account.provider !== SESSION_HOST_PROVIDER)
    throw new AppError("CONFLICT", "Only WhatsApp and LinkedIn accounts run by the session host can do this.", {
      id,
      provider: account.provider,
    });
  return account;
}

export async function whatsappQr(
  db: Db,
  env: Env,
  actor: Actor,
  id: string,
): Promise<{ qr: string | null; at: string | null; status: string }> {
  const account = await hostAccount(db, actor, id);
  try {
    return { ...(await sessionHostClient(env).qr(actor.workspaceId, account.externalId)), status: "qr" };
  } catch (error) {
    const status = error instanceof AppError && error.code === "CONFLICT" ? error.details?.status : undefined;
    // Before the QR, or just past it (a poll racing the scan): an answer with the status, which ends the polling.
    if (typeof status === "string") return { qr: null, at: null, status };
    throw error;
  }
}

export async function whatsappPairingCode(db: Db, env: Env, actor: Actor, id: string, phone: string) {
  const account = await hostAccount(db, actor, id);
  return sessionHostClient(env).pairingCode(actor.workspaceId, account.externalId, phone);
}

type SessionAction = "pause" | "resume" | "reconnect";

export async function sessionAction(
  db: Db,
  env: Env,
  actor: Actor,
  id: string,
  action: SessionAction,
): Promise<ChannelAccountJson> {
  const account = await hostAccount(db, actor, id);
  const session = await sessionHostClient(env)[action](actor.workspaceId, account.externalId);
  return storeSessionView(db, actor, account, session);
}

/** A LinkedIn account after a checkpoint or a log-out: the rep's fresh cookie, and the session starts again. */
export async function renewLinkedinCookie(
  db: Db,
  env: Env,
  actor: Actor,
  id: string,
  cookie: LinkedinCookie,
): Promise<ChannelAccountJson> {
  const account = await hostAccount(db, actor, id);
  if (account.channel !== "linkedin")
    throw new AppError("CONFLICT", "Only LinkedIn accounts take a session cookie.", { id, channel: account.channel });
  const session = await sessionHostClient(env).reconnect(actor.workspaceId, account.externalId, cookie);
  await asService(db, (tx) =>
    recordAudit(tx, { ...auditedBy(actor), event: "channel.cookie_renewed", subject: id, details: {} }),
  );
  return storeSessionView(db, actor, account, session);
}

export async function updateLimits(
  db: Db,
  env: Env,
  actor: Actor,
  id: string,
  patch: Partial<Limits>,
): Promise<ChannelAccountJson> {
  const account = await hostAccount(db, actor, id);
  const host = sessionHostClient(env);
  // The host stores the keys sent over the session's own; unnamed limits keep following the channel's defaults.
  const session = await host.setPacing(actor.workspaceId, account.externalId, patch);
  await asService(db, (tx) =>
    recordAudit(tx, { ...auditedBy(actor), event: "channel.limits_changed", subject: id, details: { ...patch } }),
  );
  return storeSessionView(db, actor, account, session);
}

/**
 * A WhatsApp number (logged out on the host first) or an account connected through OAuth (Facebook, Instagram),
 * whose sealed credentials go with its row. The Sandbox is virtual and cannot be removed.
 */
/** Every connected account can be removed but the workspace's built-in Sandbox. */
function removable(account: ChannelAccountRecord | undefined, id: string): ChannelAccountRecord {
  if (!account) throw new AppError("RESOURCE_NOT_FOUND", "No such channel account.", { id });
  if (account.channel === "sandbox")
    throw new AppError("CONFLICT", "The Sandbox is built in and cannot be removed.", {
      id,
      provider: account.provider,
    });
  return account;
}

export async function removeChannel(db: Db, env: Env, actor: Actor, id: string): Promise<void> {
  const found = await asUser(db, actor.claims, (tx) => findChannelAccount(tx, actor.workspaceId, id));
  const account = removable(found, id);
  if (account.provider === X_PROVIDER) return removeXAccount(db, env, actor, account);
  // Logged out on WhatsApp and its stored login wiped first; a session the host no longer has is gone already.
  if (account.provider === SESSION_HOST_PROVIDER)
    await sessionHostClient(env)
      .deleteSession(actor.workspaceId, account.externalId)
      .catch((error: unknown) => {
        if (!(error instanceof AppError && error.code === "RESOURCE_NOT_FOUND")) throw error;
      });
  const what = account.channel === "whatsapp" ? "WhatsApp number" : `${CHANNEL_LABELS[account.channel]} account`;
  await asUserWithLiveEvents(db, actor, async (tx, live) => {
    const failed = await failQueuedOfAccount(tx, actor.workspaceId, id, {
      code: "account_removed",
      message: `The ${what} "${account.displayName}" was disconnected before this message went out.`,
    });
    for (const message of failed) emitMessageStatus(live, message);
    if (await deleteChannelAccount(tx, actor.workspaceId, id)) emitChannelRemoved(live, id);
  });
  await asService(db, (tx) =>
    recordAudit(tx, {
      ...auditedBy(actor),
      event: "channel.removed",
      subject: id,
      details: { name: account.displayName },
    }),
  );
}

/** The host's answer to an action, kept on the row (unless a newer event got there first) and sent live. */
async function storeSessionView(
  db: Db,
  actor: Actor,
  account: ChannelAccountRecord,
  session: SessionView,
): Promise<ChannelAccountJson> {
  return asUserWithLiveEvents(db, actor, async (tx, live) => {
    const updated = await applyAccountStatus(tx, actor.workspaceId, account.id, {
      status: routingStatus(ACCOUNT_STATUS_OF[session.status], session.status, account),
      providerStatus: session.status,
      reason: session.reason,
      phone: session.phone,
      at: new Date(session.updatedAt),
    });
    const json = channelAccountJson(updated ?? account, { session, reachable: true });
    emitChannelUpdated(live, json);
    return json;
  });
}

type AccountEvent = Extract<ProviderEvent, { kind: "account" }>;

/** The `account` event of the inbound queue: the provider says the account's state changed. */
export async function applyAccountEvent(
  db: Db,
  env: Env,
  job: { workspaceId: string; accountId: string },
  event: AccountEvent,
): Promise<{ applied: boolean }> {
  // The host names the workspace too: an event that disagrees with our routing is not applied.
  if (event.workspaceId && event.workspaceId !== job.workspaceId) return { applied: false };
  return asServiceWithLiveEvents(
    db,
    job.workspaceId,
    async (tx, live) => {
      const account = await findChannelAccount(tx, job.workspaceId, job.accountId);
      if (!account) return { applied: false };
      const updated = await applyAccountStatus(tx, job.workspaceId, account.id, {
        status: routingStatus(event.status, event.providerStatus, account),
        providerStatus: event.providerStatus,
        reason: event.reason,
        phone: event.phone,
        at: new Date(event.at),
      });
      if (updated) emitChannelUpdated(live, channelAccountJson(updated));
      return { applied: Boolean(updated) };
    },
    env,
  );
}
