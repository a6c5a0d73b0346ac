// Connecting Facebook Pages and Instagram professional accounts (issue 17): Meta's OAuth dialog, then on the
// callback the code → user token → long-lived token exchanges, the granted Pages with their Page tokens, one
// `facebook` account per Page (and for Instagram one `instagram` account per linked professional account), each
// Page token sealed (channel-credentials.ts) and the Page subscribed to our webhooks. The callback is a browser
// redirect without our session: the single-use `state` (oauth-state.service.ts) says whose workspace it is.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { asServiceWithLiveEvents } from "../realtime/live-events";
import { connectedElsewhere, memberRole, upsertOAuthAccount } from "../repos/oauth-channel-accounts.repo";
import type { Actor } from "../services/actor";
import { recordAudit } from "../services/audit.service";
import { channelAccountJson, emitChannelUpdated } from "./channel-account-json";
import { saveAccountCredentials } from "./channel-credentials";
import { META_PROVIDER } from "./channels/meta.adapter";
import type { MetaCredentials } from "./channels/meta.adapter";
import { exchangeCode, grantedPages, longLivedToken, subscribePage } from "./channels/meta-graph.http";
import type { GraphPage } from "./channels/meta-graph.http";
import { finishOAuthFlow, startOAuthFlow } from "./oauth-state.service";

export type MetaChannel = "facebook" | "instagram";

export const META_SCOPES = [
  "pages_messaging",
  "pages_manage_metadata",
  "pages_show_list",
  "instagram_basic",
  "instagram_manage_messages",
];

/** The settings connecting needs that this deployment lacks (empty: configured). */
export function missingMetaSettings(env: Env): string[] {
  const missing: string[] = [];
  if (!env.META_APP_ID) missing.push("META_APP_ID");
  if (!env.META_APP_SECRET) missing.push("META_APP_SECRET");
  if (!env.META_WEBHOOK_VERIFY_TOKEN) missing.push("META_WEBHOOK_VERIFY_TOKEN");
  if (!env.CHANNEL_SECRETS_KEYS || !env.CHANNEL_SECRETS_KEY_ID) missing.push("CHANNEL_SECRETS_KEYS");
  return missing;
}

function requireConfigured(env: Env): void {
  const missing = missingMetaSettings(env);
  if (missing.length > 0)
    throw new AppError("SERVICE_UNAVAILABLE", `Facebook and Instagram are not configured: set ${missing.join(", ")}.`, {
      missing,
    });
}

export const metaCallbackUrl = (origin: string) => `${origin}/api/channels/meta/callback`;

/** The Meta dialog URL the browser goes to; its `state` brings the callback back to this workspace. */
export async function startMetaConnect(
  db: Db,
  env: Env,
  actor: Actor,
  channel: MetaChannel,
  origin: string,
): Promise<string> {
  requireConfigured(env);
  const state = await startOAuthFlow(db, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    provider: META_PROVIDER,
    data: { channel },
  });
  const url = new URL(env.META_OAUTH_DIALOG_URL);
  url.searchParams.set("client_id", env.META_APP_ID);
  url.searchParams.set("redirect_uri", metaCallbackUrl(origin));
  url.searchParams.set("state", state);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", META_SCOPES.join(","));
  return url.toString();
}

interface Connection {
  channel: MetaChannel;
  externalId: string;
  name: string;
  credentials: MetaCredentials;
}

/** What a flow for `channel` connects: every Page, and for Instagram the Pages' linked professional accounts. */
export function connectionsOf(pages: GraphPage[], channel: MetaChannel): Connection[] {
  const out: Connection[] = [];
  for (const page of pages) {
    const credentials = { pageId: page.id, pageToken: page.access_token };
    out.push({ channel: "facebook", externalId: page.id, name: page.name || `Page ${page.id}`, credentials });
    const ig = page.instagram_business_account;
    if (channel === "instagram" && ig)
      out.push({
        channel: "instagram",
        externalId: ig.id,
        name: ig.username ? `@${ig.username}` : page.name,
        credentials,
      });
  }
  return out;
}

/**
 * The callback: consumes the state, exchanges the code, stores every granted account and subscribes its Page.
 * Returns the channel the flow was for. Meta refusing anything is a 503 with no token in it.
 */
export async function finishMetaConnect(
  db: Db,
  env: Env,
  actor: Actor,
  input: { code: string | undefined; state: string | undefined; denied: boolean; origin: string },
): Promise<{ channel: MetaChannel; connected: number }> {
  requireConfigured(env);
  const flow = await finishOAuthFlow(db, META_PROVIDER, input.state);
  // Only the browser of whoever started the flow may finish it (login CSRF: a link sent to a victim).
  if (flow.userId !== actor.userId)
    throw new AppError("FORBIDDEN", "This connect link was started by someone else.", { reason: "forbidden" });
  const channel: MetaChannel = (flow.data as { channel?: string })?.channel === "instagram" ? "instagram" : "facebook";
  if (input.denied || !input.code)
    throw new AppError("BAD_REQUEST", "Connecting was cancelled on Facebook.", { reason: "denied" });
  // The flow outlives the request that started it: whoever started it must still be an owner or admin here.
  const role = await asService(db, (tx) => memberRole(tx, flow.workspaceId, flow.userId));
  if (role !== "owner" && role !== "admin")
    throw new AppError("FORBIDDEN", "Only an owner or admin can connect channels.", { reason: "forbidden" });
  const pages = await graphStep(async () => {
    const short = await exchangeCode(env, input.code!, metaCallbackUrl(input.origin));
    return grantedPages(env, await longLivedToken(env, short));
  });
  const connections = connectionsOf(pages, channel);
  if (connections.length === 0 || (channel === "instagram" && !connections.some((c) => c.channel === "instagram")))
    throw new AppError("BAD_REQUEST", "No Page (or Instagram account linked to one) was granted.", {
      reason: "nothing_granted",
    });
  // Subscribed first: an account that cannot receive its messages would only look connected.
  await graphStep(() => Promise.all(pages.map((p) => subscribePage(env, p.id, p.access_token))));
  await asServiceWithLiveEvents(
    db,
    flow.workspaceId,
    async (tx, live) => {
      for (const c of connections) {
        if (
          await connectedElsewhere(tx, { workspaceId: flow.workspaceId, channel: c.channel, externalId: c.externalId })
        )
          throw new AppError("CONFLICT", `${c.name} is already connected in another workspace.`, {
            reason: "connected_elsewhere",
          });
        const account = await upsertOAuthAccount(tx, {
          workspaceId: flow.workspaceId,
          channel: c.channel,
          provider: META_PROVIDER,
          displayName: c.name.slice(0, 200),
          externalId: c.externalId,
          createdBy: flow.userId,
        });
        await saveAccountCredentials(tx, env, flow.workspaceId, account.id, c.credentials);
        await recordAudit(tx, {
          event: "channel.connected",
          workspaceId: flow.workspaceId,
          actorUserId: flow.userId,
          subject: account.id,
          details: { channel: c.channel, name: account.displayName, externalId: c.externalId },
        });
        emitChannelUpdated(live, channelAccountJson(account));
      }
    },
    env,
  );
  return { channel, connected: connections.length };
}

/** Graph calls of the flow: Meta's refusal or silence is a 503 (never echoing a token or code). */
async function graphStep<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("SERVICE_UNAVAILABLE", "Facebook did not complete the connection. Try again.", {
      reason: "graph",
    });
  }
}
