// The Sandbox's inbound half (decision 016): a provider like any other, so its receipts and replies take the
// same path as Meta's or X's. Requests carry `x-sandbox-signature: sha256=<hex HMAC-SHA256(secret, raw body)>`
// with SANDBOX_WEBHOOK_SECRET; without that secret configured every request is refused. The body is
// `{events: ProviderEvent[]}` (the normalised shape itself: the Sandbox has no foreign format to translate).
import { z } from "zod";
import { storableString, validationError, parseJsonBody } from "../../lib/validation";
import type { ProviderEvent, WebhookProvider, WebhookRequest } from "../channel-adapter";
import { signSha256, verifySha256 } from "../../lib/hmac-signature";

export const SANDBOX_SIGNATURE_HEADER = "x-sandbox-signature";
/** Providers batch; more than this in one request is refused rather than half-processed. */
export const MAX_EVENTS_PER_REQUEST = 100;

const text = (max: number) => storableString(z.string().min(1).max(max));
const at = z.iso.datetime({ offset: true });

const SandboxEvent = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("message"),
    eventId: text(300),
    accountExternalId: text(200),
    providerMessageId: text(300),
    from: z.object({
      handle: text(300),
      name: text(200).optional(),
      phone: text(40).optional(),
      email: text(320).optional(),
    }),
    body: storableString(z.string().max(10_000)),
    media: z
      .array(z.object({ url: z.url().max(2000), type: text(100) }))
      .max(10)
      .default([]),
    at,
    threadId: text(300).optional(),
  }),
  z.object({
    kind: z.literal("status"),
    eventId: text(300),
    accountExternalId: text(200),
    providerMessageId: text(300),
    status: z.enum(["sent", "delivered", "read", "failed"]),
    errorCode: text(100).optional(),
    at,
  }),
]);
const SandboxBody = z.object({ events: z.array(SandboxEvent).min(1).max(MAX_EVENTS_PER_REQUEST) });

/** The header value for `rawBody` (the Sandbox provider and tests sign with it). */
export async function signSandboxBody(secret: string, rawBody: string | Uint8Array): Promise<string> {
  return signSha256(secret, rawBody);
}

export const sandboxWebhook: WebhookProvider = {
  provider: "sandbox",
  channel: "sandbox",

  async verify(request: WebhookRequest, env: Env): Promise<boolean> {
    return verifySha256(
      env.SANDBOX_WEBHOOK_SECRET,
      request.headers.get(SANDBOX_SIGNATURE_HEADER) ?? "",
      request.rawBody,
    );
  },

  parse(request: WebhookRequest): ProviderEvent[] {
    const json = parseJsonBody(request.rawBody);
    const parsed = SandboxBody.safeParse(json);
    if (!parsed.success) throw validationError(parsed.error, "body");
    return parsed.data.events;
  },
};
