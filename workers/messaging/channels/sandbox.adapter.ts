import type { SandboxProvider } from "../../../durable-objects/sandbox-provider";
import { ChannelSendError } from "../channel-adapter";
import type { ChannelAdapter, OutboundSend } from "../channel-adapter";

/**
 * The Sandbox channel: every lead is reachable (their handle is their lead id), nothing leaves the machine,
 * and sample-data leads may be messaged here only. Sends go to the workspace's SandboxProvider.
 */
export const sandboxAdapter: ChannelAdapter = {
  channel: "sandbox",
  label: "Sandbox",
  capabilities: {
    media: true,
    receipts: { delivered: true, read: true },
    replyWindowHours: null,
    caps: { perMinute: 100_000, perDay: 10_000_000 },
    reachesRealPeople: false,
  },
  handleFor: (lead) => lead.id,
  async send(message: OutboundSend, env: Env) {
    const provider = env.SandboxProvider.getByName(
      message.workspaceId,
    ) as unknown as DurableObjectStub<SandboxProvider>;
    const result = await provider.accept({
      idempotencyKey: message.idempotencyKey,
      accountExternalId: message.account.externalId,
      to: message.to,
      body: message.body,
    });
    if (!result.ok) throw new ChannelSendError(result.code, result.message, { retryable: result.retryable });
    return { providerMessageId: result.providerMessageId };
  },
};

/** The workspace's Sandbox account is virtual: its provider id is the workspace id. */
export function sandboxAccountExternalId(workspaceId: string): string {
  return workspaceId;
}
