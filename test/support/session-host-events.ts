// Signed session-host events, exactly as the host's outbox posts them (session-host/src/outbox/worker-client.ts):
// the host's own signRequest over the raw body, its HostEvent shapes, to POST /api/hooks/session-host.
import { env } from "cloudflare:test";
import type { HostEvent } from "../../session-host/src/protocol/api";
import { signRequest } from "../../session-host/src/protocol/signature";
import { openDb } from "../../workers/db/client";
import { insertChannelAccount } from "../../workers/repos/channel-accounts.repo";
import { call } from "./api-client";
import type { TestUser } from "./auth";
import { workspaceOf } from "./factories";
import { TEST_SESSION_HOST_SECRET } from "./test-env";

export const HOOK_PATH = "/api/hooks/session-host";
const at = () => new Date().toISOString();

export const hostMessage = (
  sessionId: string,
  from: { phone?: string; handle: string; name?: string },
  body: string,
): HostEvent => ({
  kind: "message",
  eventId: crypto.randomUUID(),
  sessionId,
  providerMessageId: `3EB0${crypto.randomUUID().replaceAll("-", "").slice(0, 16).toUpperCase()}`,
  from,
  body,
  at: at(),
});

export const hostStatus = (
  sessionId: string,
  providerMessageId: string,
  status: "sent" | "delivered" | "read" | "failed",
  extra: { errorCode?: string } = {},
): HostEvent => ({
  kind: "status",
  eventId: crypto.randomUUID(),
  sessionId,
  providerMessageId,
  status,
  ...extra,
  at: at(),
});

export const hostSession = (
  sessionId: string,
  workspaceId: string,
  status: Extract<HostEvent, { kind: "session" }>["status"],
  extra: { reason?: string | null; phone?: string | null; at?: string } = {},
): HostEvent => ({
  kind: "session",
  eventId: crypto.randomUUID(),
  sessionId,
  workspaceId,
  status,
  reason: extra.reason ?? null,
  phone: extra.phone ?? null,
  at: extra.at ?? at(),
});

/** Posts a raw body with the given headers (none: signed correctly now). */
export async function postHostHook(raw: string, headers?: Record<string, string>) {
  const signed =
    headers ?? (await signRequest(TEST_SESSION_HOST_SECRET, { method: "POST", path: HOOK_PATH, body: raw }));
  return call(HOOK_PATH, { method: "POST", headers: { ...signed, "content-type": "application/json" }, body: raw });
}

export function postHostEvents(events: HostEvent[]) {
  return postHostHook(JSON.stringify({ events }));
}

/** A WhatsApp account row as POST /api/channels/whatsapp leaves it, for a session id no host needs to know. */
export async function seedWhatsappAccount(user: TestUser, sessionId = crypto.randomUUID()) {
  const workspaceId = await workspaceOf(user);
  const handle = openDb(env.HYPERDRIVE.connectionString);
  try {
    return await insertChannelAccount(handle.db, {
      workspaceId,
      channel: "whatsapp",
      provider: "session-host",
      displayName: "Sales phone",
      externalId: sessionId,
      status: "pending",
      credentialsRef: `session-host:${sessionId}`,
      createdBy: user.id,
    });
  } finally {
    await handle.close().catch(() => {});
  }
}
