// The one reply an opt-out gets ("You're unsubscribed…", in the language it was written in). Sending is the
// send path's business: this module only decides what to send and hands it to `queueSystemMessage`
// (workers/messaging/send.service.ts), which the inbound consumer receives as a dependency (tests fake it).
import type { Db } from "../db/client";
import type { MessageChannel } from "../db/schema";
import { OPT_OUT_CONFIRMATIONS } from "./opt-out";
import type { OptOutLanguage } from "./opt-out";

/** A message the system sends on its own (origin "system"); the key makes a repeated request a no-op. */
export interface SystemMessageRequest {
  workspaceId: string;
  leadId: string;
  channel: MessageChannel;
  body: string;
  idempotencyKey: string;
}

/** send.service.ts `queueSystemMessage`: it reaches a person who just opted out (the one message that may). */
export type QueueSystemMessage = (db: Db, message: SystemMessageRequest, env?: Env) => Promise<unknown>;

export interface OptOutToConfirm {
  workspaceId: string;
  leadId: string;
  conversationId: string;
  channel: MessageChannel;
  accountId: string | null;
  language: OptOutLanguage;
  /** The inbound message that opted out: one confirmation per opt-out, however often the job runs. */
  inboundMessageId: string;
}

export function optOutConfirmation(optOut: OptOutToConfirm): SystemMessageRequest {
  return {
    workspaceId: optOut.workspaceId,
    leadId: optOut.leadId,
    channel: optOut.channel,
    body: OPT_OUT_CONFIRMATIONS[optOut.language],
    idempotencyKey: `opt-out-confirmation:${optOut.inboundMessageId}`,
  };
}

export async function confirmOptOut(
  queueSystemMessage: QueueSystemMessage,
  db: Db,
  env: Env,
  optOut: OptOutToConfirm,
): Promise<void> {
  await queueSystemMessage(db, optOutConfirmation(optOut), env);
}
