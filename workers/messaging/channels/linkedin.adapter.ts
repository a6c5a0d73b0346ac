// LinkedIn through the session-host (decision 020): there is no public messaging API for this use, so the
// host runs the rep's own cookie session and paces it (80 messages a day, 45–120 s random gaps by default). Like
// WhatsApp, a send is an acceptance (SendResult.pending) and the host's `sent` / `failed` event moves it on.
// Member-to-member messages reach 1st-degree connections only: the host reports anyone else as
// `not_connected`, which ends the message failed and falls back to the lead's next channel.
import { normalizeLinkedinUrl } from "../../services/lead-identity";
import { ChannelSendError } from "../channel-adapter";
import type { ChannelAdapter, LeadContact, OutboundSend, SendResult } from "../channel-adapter";
import { sendThroughHost } from "./host-send";

/** LinkedIn's own limit for a message is 8,000 characters; a first message that long reads as spam anyway. */
const MAX_TEXT = 8000;

/** The lead's profile (`linkedin.com/in/<slug>`): their LinkedIn handle, else their LinkedIn URL. */
export function linkedinHandle(lead: LeadContact): string | null {
  const listed = lead.contactChannels.find((c) => c.channel === "linkedin")?.handle;
  for (const value of [listed, lead.linkedinUrl]) {
    const path = normalizeLinkedinUrl(value);
    // Company pages and Sales Navigator links name no person who can be messaged.
    if (path?.startsWith("linkedin.com/in/")) return path;
  }
  return null;
}

export const LINKEDIN_REFUSALS: Record<string, string> = {
  not_connected:
    "Not a 1st-degree LinkedIn connection: messages through your LinkedIn session reach your connections only.",
  recipient_not_found: "LinkedIn has no profile at this lead's LinkedIn address.",
  media_unsupported: "LinkedIn messages sent through your session carry text only.",
};

export const linkedinAdapter: ChannelAdapter = {
  channel: "linkedin",
  label: "LinkedIn",
  capabilities: {
    media: false,
    // The cookie session sees no delivery or read receipts the host reports.
    receipts: { delivered: false, read: false },
    replyWindowHours: null,
    // The host paces the account itself (decision 020); these only stop a runaway loop.
    caps: { perMinute: 1000, perDay: 100_000 },
    reachesRealPeople: true,
  },
  refusals: LINKEDIN_REFUSALS,
  handleFor: linkedinHandle,
  async send(message: OutboundSend, env: Env): Promise<SendResult> {
    if (message.media.length > 0)
      throw new ChannelSendError("media_unsupported", LINKEDIN_REFUSALS.media_unsupported!, { retryable: false });
    if (message.body.length > MAX_TEXT)
      throw new ChannelSendError("too_long", `A LinkedIn message holds ${MAX_TEXT} characters.`, { retryable: false });
    return sendThroughHost(
      env,
      message,
      {
        to: `https://www.${message.to}`,
        text: message.body,
        idempotencyKey: message.idempotencyKey,
        reply: message.reply ?? false,
        ...(message.recipientTimeZone ? { recipientTimeZone: message.recipientTimeZone } : {}),
      },
      "LinkedIn",
    );
  },
};
