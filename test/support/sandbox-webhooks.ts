// Signed Sandbox webhooks, as the Sandbox provider sends them (workers/messaging/channels/sandbox.webhook.ts).
import { signSandboxBody } from "../../workers/messaging/channels/sandbox.webhook";
import { call } from "./api-client";
import { TEST_SANDBOX_WEBHOOK_SECRET } from "./test-env";

let counter = 0;
const uid = () => `${Date.now().toString(36)}-${++counter}-${crypto.randomUUID().slice(0, 8)}`;

export function inboundMessage(
  account: { externalId: string },
  from: { handle: string; name?: string; phone?: string; email?: string },
  body: string,
  extra: { eventId?: string; providerMessageId?: string; at?: string } = {},
) {
  return {
    kind: "message" as const,
    eventId: extra.eventId ?? `evt-${uid()}`,
    accountExternalId: account.externalId,
    providerMessageId: extra.providerMessageId ?? `in-${uid()}`,
    from,
    body,
    media: [],
    at: extra.at ?? new Date().toISOString(),
  };
}

export function statusEvent(
  account: { externalId: string },
  providerMessageId: string,
  status: "sent" | "delivered" | "read" | "failed",
  extra: { eventId?: string; errorCode?: string; at?: string } = {},
) {
  return {
    kind: "status" as const,
    eventId: extra.eventId ?? `evt-${uid()}`,
    accountExternalId: account.externalId,
    providerMessageId,
    status,
    ...(extra.errorCode ? { errorCode: extra.errorCode } : {}),
    at: extra.at ?? new Date().toISOString(),
  };
}

/** POSTs `body` to the Sandbox hook, signed unless `signature` says otherwise (null: no header). */
export async function postSandboxHook(body: string | object, signature?: string | null, provider = "sandbox") {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const sig = signature === undefined ? await signSandboxBody(TEST_SANDBOX_WEBHOOK_SECRET, raw) : signature;
  return call(`/api/hooks/${provider}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(sig === null ? {} : { "x-sandbox-signature": sig }) },
    body: raw,
  });
}

export function sendEvents(events: object[]) {
  return postSandboxHook({ events });
}
