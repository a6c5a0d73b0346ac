// Meta's webhooks for Messenger (`object: "page"`) and Instagram (`object: "instagram"`) on one URL,
// `/api/hooks/meta` (issue 17). Meta signs the raw body with the app secret (`X-Hub-Signature-256:
// sha256=<hex>`) and proves the URL once with `GET ?hub.mode=subscribe&hub.verify_token&hub.challenge`.
// Sources: developers.facebook.com/docs/graph-api/webhooks/getting-started,
// …/docs/messenger-platform/webhooks, …/reference/webhook-events/{messages,message-echoes,message-deliveries,
// message-reads}, …/docs/instagram-platform/webhooks.
// Each message id (`mid`) is its event id, so a redelivery is dropped by the ingest ledger. Echoes (what the Page
// sent, by us or from Meta's inbox) are a `sent` status for that mid, never a new inbound message. A Messenger
// read receipt only carries a watermark (no mids): it becomes a `read_up_to` event for that person.
import { z } from "zod";
import { parseJsonBody, validationError } from "../../lib/validation";
import type { ProviderEvent, WebhookProvider, WebhookRequest } from "../channel-adapter";
import type { MessageChannel } from "../channels";
import { META_PROVIDER } from "./meta.adapter";
import { sha256Hex, timingSafeEqual } from "../../auth/crypto";
import { signSha256, verifySha256 } from "../../lib/hmac-signature";

export const META_SIGNATURE_HEADER = "x-hub-signature-256";
const MAX_EVENTS = 500;

const id = z.string().min(1).max(200);
const Attachment = z.object({
  type: z.string().max(50),
  payload: z
    .object({ url: z.url().max(2000).optional() })
    .partial()
    .optional(),
});
const Messaging = z.object({
  sender: z.object({ id }),
  recipient: z.object({ id }),
  timestamp: z.number().int().positive(),
  message: z
    .object({
      mid: id.max(300),
      text: z.string().max(20_000).optional(),
      is_echo: z.boolean().optional(),
      attachments: z.array(Attachment).max(20).optional(),
    })
    .optional(),
  delivery: z.object({ mids: z.array(id.max(300)).max(100).optional(), watermark: z.number() }).optional(),
  read: z.object({ watermark: z.number().optional(), mid: id.max(300).optional() }).optional(),
});
const Body = z.object({
  object: z.enum(["page", "instagram"]),
  entry: z
    .array(z.object({ id, time: z.number(), messaging: z.array(Messaging).max(MAX_EVENTS).default([]) }))
    .max(MAX_EVENTS),
});
type Messaging = z.infer<typeof Messaging>;

const CHANNEL_OF: Record<z.infer<typeof Body>["object"], MessageChannel> = { page: "facebook", instagram: "instagram" };

/** One `messaging` item as our events (none for those we do not use: postbacks, reactions). */
export function metaEvents(item: Messaging, channel: MessageChannel): ProviderEvent[] {
  const at = new Date(item.timestamp).toISOString();
  const message = item.message;
  if (message?.is_echo)
    // The Page's own message: `sender` is the Page. Ours already carries this mid; it only confirms `sent`.
    return [
      {
        kind: "status",
        channel,
        eventId: `echo:${message.mid}`,
        accountExternalId: item.sender.id,
        providerMessageId: message.mid,
        status: "sent",
        at,
      },
    ];
  if (message) {
    const media = (message.attachments ?? []).flatMap((a) =>
      a.payload?.url ? [{ url: a.payload.url, type: a.type }] : [],
    );
    return [
      {
        kind: "message",
        channel,
        eventId: message.mid,
        accountExternalId: item.recipient.id,
        providerMessageId: message.mid,
        from: { handle: item.sender.id },
        body: message.text ?? "",
        media,
        at,
      },
    ];
  }
  const status = (mid: string, s: "delivered" | "read"): ProviderEvent => ({
    kind: "status",
    channel,
    eventId: `${s}:${mid}`,
    accountExternalId: item.recipient.id,
    providerMessageId: mid,
    status: s,
    at,
  });
  if (item.delivery) return (item.delivery.mids ?? []).map((mid) => status(mid, "delivered"));
  // Instagram names the message read; Messenger only a watermark: all sent to this person up to then.
  if (item.read?.mid) return [status(item.read.mid, "read")];
  if (item.read?.watermark)
    return [
      {
        kind: "read_up_to",
        channel,
        eventId: `read:${item.recipient.id}:${item.sender.id}:${item.read.watermark}`,
        accountExternalId: item.recipient.id,
        handle: item.sender.id,
        at: new Date(item.read.watermark).toISOString(),
      },
    ];
  return [];
}

/** `X-Hub-Signature-256` for `rawBody` (tests and the fake sign with it). */
export async function signMetaBody(secret: string, rawBody: string | Uint8Array): Promise<string> {
  return signSha256(secret, rawBody);
}

/** Equal strings in constant time: both sides hashed first, so lengths leak nothing either. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const digest = async (text: string) => new TextEncoder().encode(await sha256Hex(text));
  return timingSafeEqual(await digest(given), await digest(expected));
}

export const metaWebhook: WebhookProvider = {
  provider: META_PROVIDER,
  // Messenger's; Instagram events name their channel (ProviderEvent.channel).
  channel: "facebook",

  async verify(request: WebhookRequest, env: Env): Promise<boolean> {
    return verifySha256(env.META_APP_SECRET, request.headers.get(META_SIGNATURE_HEADER) ?? "", request.rawBody);
  },

  async challenge(url: URL, env: Env): Promise<string | null> {
    const expected = env.META_WEBHOOK_VERIFY_TOKEN;
    const token = url.searchParams.get("hub.verify_token") ?? "";
    const challenge = url.searchParams.get("hub.challenge") ?? "";
    if (!expected || url.searchParams.get("hub.mode") !== "subscribe" || !challenge || challenge.length > 200)
      return null;
    return (await sameSecret(token, expected)) ? challenge : null;
  },

  parse(request: WebhookRequest): ProviderEvent[] {
    const json = parseJsonBody(request.rawBody);
    // Other objects the app may be subscribed to (user, permissions …) are acknowledged, not refused: a refusal makes
    // Meta retry and, in time, disable the webhook.
    const object = (json as { object?: unknown } | null)?.object;
    if (typeof object === "string" && object !== "page" && object !== "instagram") return [];
    const parsed = Body.safeParse(json);
    if (!parsed.success) throw validationError(parsed.error, "body");
    const channel = CHANNEL_OF[parsed.data.object];
    return parsed.data.entry.flatMap((e) => e.messaging.flatMap((item) => metaEvents(item, channel)));
  },
};
