// WhatsApp through the session-host (decision 017). The host owns the WhatsApp login and paces each number
// (random gaps, warm-up, daily caps, quiet hours in the recipient's zone), so a send here is an
// acceptance: the host answers 202 with the WhatsApp message id it will use, and its `sent` / `failed` status
// event moves the message on later (SendResult.pending). The same idempotency key again is the same message.
import { normalizePhone } from "../../services/lead-identity";
import { ChannelSendError } from "../channel-adapter";
import type { ChannelAdapter, LeadContact, OutboundSend, SendResult } from "../channel-adapter";
import { sendThroughHost } from "./host-send";
import type { SendMessageBody } from "./session-host.http";

/** A WhatsApp address given as is: a number's (`…@s.whatsapp.net`) or a hidden number's (`…@lid`). */
const JID = /^[0-9]{6,20}@(s\.whatsapp\.net|lid)$/;
const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

/** The lead's WhatsApp address: their WhatsApp handle, else their phone, as E.164 (`+4915…`) or a full JID. */
export function whatsappHandle(lead: LeadContact): string | null {
  const listed = lead.contactChannels.find((c) => c.channel === "whatsapp")?.handle?.trim();
  if (listed && JID.test(listed)) return listed;
  return normalizePhone(listed, lead.country) ?? normalizePhone(lead.phone, lead.country);
}

function hostBody(message: OutboundSend): SendMessageBody {
  const base = {
    to: message.to,
    idempotencyKey: message.idempotencyKey,
    reply: message.reply ?? false,
    ...(message.recipientTimeZone ? { recipientTimeZone: message.recipientTimeZone } : {}),
  };
  const [media, ...more] = message.media;
  if (more.length > 0)
    throw new ChannelSendError("media_limit", "A WhatsApp message carries one attachment: send the others apart.", {
      retryable: false,
    });
  if (media) {
    if (message.body.length > MAX_CAPTION)
      throw new ChannelSendError("caption_too_long", `A WhatsApp caption holds ${MAX_CAPTION} characters.`, {
        retryable: false,
      });
    return { ...base, media: { ...media, ...(message.body ? { caption: message.body } : {}) } };
  }
  if (message.body.length > MAX_TEXT)
    throw new ChannelSendError("too_long", `A WhatsApp message holds ${MAX_TEXT} characters.`, { retryable: false });
  return { ...base, text: message.body };
}

export const whatsappAdapter: ChannelAdapter = {
  channel: "whatsapp",
  label: "WhatsApp",
  capabilities: {
    media: true,
    receipts: { delivered: true, read: true },
    replyWindowHours: null,
    // The host paces every number itself (decision 017); these only stop a runaway loop.
    caps: { perMinute: 1000, perDay: 100_000 },
    reachesRealPeople: true,
  },
  handleFor: whatsappHandle,
  async send(message: OutboundSend, env: Env): Promise<SendResult> {
    return sendThroughHost(env, message, hostBody(message), "WhatsApp");
  },
};
