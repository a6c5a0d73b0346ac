// The session-host's events (decision 017) at `POST /api/hooks/session-host`: signed with SESSION_HOST_SECRET over
// timestamp, nonce, method, path and the raw body's hash (session-host/src/protocol/signature.ts, the host's
// own file), ±5 minutes of skew, and each nonce accepted once across every isolate (webhook_nonces). The body
// is the host's HostWebhookBody; its events become ProviderEvents: messages and receipts of the WhatsApp
// account, and `account` events that move the channel account's status.
import type { z } from "zod";
import { HOST_WEBHOOK_PATH, type HostEvent, HostWebhookBody } from "../../../session-host/src/protocol/api";
import { MAX_SKEW_SECONDS, verifyRequest } from "../../../session-host/src/protocol/signature";
import type { Db } from "../../db/client";
import { asService } from "../../db/tenant";
import { AppError } from "../../lib/app-error";
import { toStorable, validationError, parseJsonBody } from "../../lib/validation";
import { firstUseOfNonce } from "../../repos/webhook-nonces.repo";
import type { ProviderEvent, WebhookProvider, WebhookRequest } from "../channel-adapter";

export const SESSION_HOST_PROVIDER = "session-host";
export { HOST_WEBHOOK_PATH };

type AccountStatus = Extract<ProviderEvent, { kind: "account" }>["status"];

/** The host's session states, as the coarse status routing uses (only `connected` accounts send). */
export const ACCOUNT_STATUS_OF: Record<Extract<HostEvent, { kind: "session" }>["status"], AccountStatus> = {
  starting: "pending",
  qr: "pending",
  connecting: "pending",
  open: "connected",
  paused: "connected",
  logged_out: "disconnected",
  failed: "failed",
  // LinkedIn stopped the session at a security check: the rep clears it and brings a fresh cookie.
  checkpoint: "disconnected",
};

/** WhatsApp tells phone numbers as digits; everywhere else in the app a phone is E.164 with "+". */
const e164 = (digits: string | undefined) => (digits ? (digits.startsWith("+") ? digits : `+${digits}`) : undefined);

/** The host runs WhatsApp and LinkedIn sessions (decision 020); an event without a channel is WhatsApp's. */
export function toProviderEvent(event: HostEvent): ProviderEvent {
  const channel = event.channel === "linkedin" ? ({ channel: "linkedin" } as const) : {};
  return { ...toEvent(event), ...channel };
}

function toEvent(event: HostEvent): ProviderEvent {
  switch (event.kind) {
    case "message": {
      const phone = e164(event.from.phone);
      const name = event.from.name ? toStorable(event.from.name).trim().slice(0, 200) : "";
      return {
        kind: "message",
        eventId: event.eventId,
        accountExternalId: event.sessionId,
        providerMessageId: event.providerMessageId,
        // A number when WhatsApp shows it, else the contact's WhatsApp address (a hidden-number "@lid").
        from: {
          handle: phone ?? toStorable(event.from.handle),
          ...(phone ? { phone } : {}),
          ...(name ? { name } : {}),
        },
        // messages.body holds 10,000 characters; a longer WhatsApp text is kept up to there rather than lost.
        body: toStorable(event.body).slice(0, 10_000),
        media: [],
        at: event.at,
      };
    }
    case "status":
      return {
        kind: "status",
        eventId: event.eventId,
        accountExternalId: event.sessionId,
        providerMessageId: event.providerMessageId,
        status: event.status,
        ...(event.errorCode ? { errorCode: event.errorCode.slice(0, 100) } : {}),
        at: event.at,
      };
    case "session":
      return {
        kind: "account",
        eventId: event.eventId,
        accountExternalId: event.sessionId,
        workspaceId: event.workspaceId,
        status: ACCOUNT_STATUS_OF[event.status],
        providerStatus: event.status,
        reason: event.reason ? toStorable(event.reason).slice(0, 300) : null,
        phone: event.phone && /^[0-9]{6,20}$/.test(event.phone) ? event.phone : null,
        at: event.at,
      };
  }
}

export const sessionHostWebhook: WebhookProvider = {
  provider: SESSION_HOST_PROVIDER,
  channel: "whatsapp",

  async verify(request: WebhookRequest, env: Env, db: Db): Promise<boolean> {
    const secret = env.SESSION_HOST_SECRET;
    if (!secret) return false;
    const result = await verifyRequest(
      secret,
      { method: "POST", path: request.url.pathname + request.url.search, body: request.rawBody },
      request.headers,
    );
    if (!result.ok) return false;
    // Kept until the signature could no longer pass the skew check anyway.
    const expiresAt = new Date((result.timestamp + MAX_SKEW_SECONDS + 60) * 1000);
    return asService(db, (tx) => firstUseOfNonce(tx, result.nonce, expiresAt));
  },

  parse(request: WebhookRequest): ProviderEvent[] {
    const json = parseJsonBody(request.rawBody);
    const parsed: z.ZodSafeParseResult<z.output<typeof HostWebhookBody>> = HostWebhookBody.safeParse(json);
    if (!parsed.success) throw validationError(parsed.error, "body");
    const tooLong = parsed.data.events.findIndex(
      (e) => e.eventId.length > 300 || ("providerMessageId" in e && e.providerMessageId.length > 300),
    );
    if (tooLong >= 0)
      throw new AppError("VALIDATION_FAILED", "The request body is not valid.", {
        location: "body",
        fields: { [`events.${tooLong}`]: ["Ids are at most 300 characters."] },
      });
    return parsed.data.events.map(toProviderEvent);
  },
};
