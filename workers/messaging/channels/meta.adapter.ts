// Facebook Messenger and Instagram through Meta's official Send API (issue 17). Both only answer people who wrote
// first: within 24 h of the lead's last message a RESPONSE, up to 7 days a person's own answer with the HUMAN_AGENT
// tag, never later (policy.ts blocks that before we get here). Instagram messages go out through the Page the
// professional account is linked to, with that Page's token; both accounts keep `{pageId, pageToken}` sealed
// (channel-credentials.ts). Graph has no idempotency key: the orchestrator never re-sends a message that already
// has a provider id, which is the guarantee we rely on.
import { z } from "zod";
import { asService } from "../../db/tenant";
import { asServiceWithLiveEvents } from "../../realtime/live-events";
import { applyAccountStatus } from "../../repos/channel-accounts.repo";
import { ChannelSendError } from "../channel-adapter";
import type {
  ChannelAdapter,
  ChannelCapabilities,
  ChannelDeps,
  LeadContact,
  OutboundSend,
  SendResult,
} from "../channel-adapter";
import { channelAccountJson, emitChannelUpdated } from "../channel-account-json";
import { loadAccountCredentials } from "../channel-credentials";
import type { MessageChannel } from "../channels";
import { isHumanOrigin } from "../policy";
import { GraphError, sendApi } from "./meta-graph.http";
import type { SendApiBody } from "./meta-graph.http";

export const META_PROVIDER = "meta";
const MAX_TEXT = 2000;
const RESPONSE_WINDOW_MS = 24 * 3600_000;
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 3600_000;
/** A rate limit without a hint from Meta: wait this long. */
const DEFAULT_BACKOFF_SECONDS = 60;

/** What a connected Page or Instagram account keeps sealed. */
export const MetaCredentials = z.object({ pageId: z.string().min(1), pageToken: z.string().min(1) });
export type MetaCredentials = z.infer<typeof MetaCredentials>;

const capabilities = (channel: MessageChannel): ChannelCapabilities => ({
  media: false,
  // Instagram reports reads (naming the message) but no deliveries.
  receipts: { delivered: channel === "facebook", read: true },
  replyWindowHours: 24,
  // Messenger's HUMAN_AGENT tag: a person's own answer up to 7 days. Instagram is reply-only within 24 hours.
  ...(channel === "facebook" ? { humanAgentWindowHours: HUMAN_AGENT_WINDOW_MS / 3600_000 } : {}),
  // Meta's own limits are per Page and answered with 613 (honoured as a retry); these stop a runaway loop.
  caps: { perMinute: 60, perDay: 10_000 },
  reachesRealPeople: true,
});

/** The lead's page-scoped id (PSID) or Instagram-scoped id: only Meta gives it, when they write to us. */
function handleOn(channel: MessageChannel) {
  return (lead: LeadContact): string | null =>
    lead.contactChannels.find((c) => c.channel === channel)?.handle?.trim() || null;
}

/**
 * RESPONSE inside 24 h; on Messenger, HUMAN_AGENT up to 7 days for a person's own answer; otherwise nothing may
 * go out. A send whose origin is unknown is not taken for a person's.
 */
export function messagingType(
  message: Pick<OutboundSend, "origin" | "lastInboundAt">,
  now: Date,
  channel: "facebook" | "instagram" = "facebook",
) {
  const last = message.lastInboundAt;
  const since = last ? now.getTime() - last.getTime() : Number.POSITIVE_INFINITY;
  if (since <= RESPONSE_WINDOW_MS) return { messaging_type: "RESPONSE" as const };
  if (channel === "facebook" && since <= HUMAN_AGENT_WINDOW_MS && message.origin && isHumanOrigin(message.origin))
    return { messaging_type: "MESSAGE_TAG" as const, tag: "HUMAN_AGENT" as const };
  return undefined;
}

/** Graph's error codes as send errors (developers.facebook.com/docs/messenger-platform/error-codes). */
export function sendErrorOf(error: GraphError): ChannelSendError {
  const { code, subcode } = error;
  if (code === 10 || subcode === 2018278)
    return new ChannelSendError(
      "window_closed",
      "Meta refused: outside the window in which this lead can be written to.",
      {
        retryable: false,
      },
    );
  if (code === 551)
    return new ChannelSendError("recipient_unavailable", "This person is not available on Meta right now.", {
      retryable: false,
    });
  if (code === 4 || code === 613 || code === 80006 || error.status === 429)
    return new ChannelSendError("rate_limited", "Meta's rate limit: trying again later.", {
      retryable: true,
      retryAfterSeconds: error.retryAfterSeconds ?? DEFAULT_BACKOFF_SECONDS,
    });
  if (code === 190)
    return new ChannelSendError("token_invalid", "The Page's access token is no longer valid: connect it again.", {
      retryable: false,
    });
  // A 2xx we could not read: the message may have gone out, and the Send API has no idempotency key.
  if (error.status < 300) return unknownOutcome();
  if (code === 2 || error.status >= 500)
    return new ChannelSendError("provider_unavailable", "Meta is temporarily unavailable.", {
      retryable: true,
      ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    });
  return new ChannelSendError("invalid_request", error.message.slice(0, 300), { retryable: false });
}

function unknownOutcome(): ChannelSendError {
  return new ChannelSendError(
    "unknown_outcome",
    "Meta's answer could not be read: the message may have been delivered. Check the conversation before retrying.",
    { retryable: false },
  );
}

/** A revoked or expired token: the account stops routing until someone connects it again. */
async function disconnect(deps: ChannelDeps, env: Env, message: OutboundSend, reason: string): Promise<void> {
  await asServiceWithLiveEvents(
    deps.db,
    message.workspaceId,
    async (tx, live) => {
      const updated = await applyAccountStatus(tx, message.workspaceId, message.account.id, {
        status: "disconnected",
        providerStatus: "token_invalid",
        reason,
        phone: null,
        at: new Date(),
      });
      if (updated) emitChannelUpdated(live, channelAccountJson(updated));
    },
    env,
  );
}

function metaAdapter(channel: "facebook" | "instagram", label: string): ChannelAdapter {
  return {
    channel,
    label,
    capabilities: capabilities(channel),
    handleFor: handleOn(channel),
    async send(message: OutboundSend, env: Env, deps: ChannelDeps): Promise<SendResult> {
      if (message.media.length > 0)
        throw new ChannelSendError("media_unsupported", `${label} messages carry text only here.`, {
          retryable: false,
        });
      if (message.body.length > MAX_TEXT)
        throw new ChannelSendError("too_long", `A ${label} message holds ${MAX_TEXT} characters.`, {
          retryable: false,
        });
      const type = messagingType(message, new Date(), channel);
      if (!type)
        throw new ChannelSendError("window_closed", `${label} only allows answers to a lead who wrote recently.`, {
          retryable: false,
        });
      const stored = await asService(deps.db, (tx) =>
        loadAccountCredentials(tx, env, message.workspaceId, message.account.id),
      );
      const credentials = MetaCredentials.safeParse(stored);
      if (!credentials.success)
        throw new ChannelSendError("token_invalid", `This ${label} account has no stored token: connect it again.`, {
          retryable: false,
        });
      const body: SendApiBody = { recipient: { id: message.to }, ...type, message: { text: message.body } };
      try {
        const { pageId, pageToken } = credentials.data;
        return { providerMessageId: await sendApi(env, pageId, pageToken, body) };
      } catch (error) {
        // A timeout after the request left: Meta may have sent it; trying again could send it twice.
        if (error instanceof Error && error.name === "TimeoutError") throw unknownOutcome();
        if (!(error instanceof GraphError)) throw error; // network: the orchestrator retries with backoff
        const mapped = sendErrorOf(error);
        if (mapped.code === "token_invalid") await disconnect(deps, env, message, mapped.message);
        throw mapped;
      }
    },
  };
}

export const facebookAdapter = metaAdapter("facebook", "Facebook Messenger");
export const instagramAdapter = metaAdapter("instagram", "Instagram");
