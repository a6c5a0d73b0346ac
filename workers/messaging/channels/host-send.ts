// A send through the session-host (decisions 017, 020), shared by its channels: the host's acceptance becomes a
// pending SendResult, its refusals become send errors — only an unreachable host is worth retrying.
import { AppError } from "../../lib/app-error";
import { ChannelSendError } from "../channel-adapter";
import type { OutboundSend, SendResult } from "../channel-adapter";
import { type SendMessageBody, sessionHostClient } from "./session-host.http";

function sendError(error: AppError, label: string): ChannelSendError {
  switch (error.code) {
    case "SERVICE_UNAVAILABLE":
      return new ChannelSendError("host_unavailable", error.message, { retryable: true });
    case "CONFLICT":
      return new ChannelSendError("account_disconnected", error.message, { retryable: false });
    case "RESOURCE_NOT_FOUND":
      return new ChannelSendError("account_missing", `This ${label} account is no longer connected.`, {
        retryable: false,
      });
    default:
      return new ChannelSendError("invalid_request", error.message, { retryable: false });
  }
}

export async function sendThroughHost(
  env: Env,
  message: OutboundSend,
  body: SendMessageBody,
  label: string,
): Promise<SendResult> {
  let accepted: Awaited<ReturnType<ReturnType<typeof sessionHostClient>["send"]>>;
  try {
    accepted = await sessionHostClient(env).send(message.workspaceId, message.account.externalId, body);
  } catch (error) {
    if (error instanceof AppError) throw sendError(error, label);
    throw error;
  }
  // A repeated key answers with the first acceptance, which may have ended already.
  if (accepted.status === "failed")
    throw new ChannelSendError("send_failed", `${label} did not take this message.`, { retryable: false });
  return { providerMessageId: accepted.providerMessageId, pending: accepted.status !== "sent" };
}
