// The one reply an opt-out gets ("You're unsubscribed…", in the language it was written in). Sending is the
// send path's business: this module only decides what to send and hands it to `queueSystemMessage`
// (workers/messaging/send.service.ts), which the inbound consumer receives as a dependency.
import type { Db } from "../db/client";
import type { MessageChannel } from "../db/schema";
import { OPT_OUT_CONFIRMATIONS } from "./opt-out";
import type { OptOutLanguage } from "./opt-out";

/** A message the system sends on its own (origin "system"); the key makes a repeated request a no-op. */
export interface SystemMessageRequest {
  workspaceId: string;
  leadId: string;
  conversationId: string;
  channel: MessageChannel;
  accountId: string | null;
  body: string;
  idempotencyKey: string;
  /** Why it may go to a suppressed person: it confirms their own opt-out. */
  purpose: "opt_out_confirmation";
}

export type QueueSystemMessage = (db: Db, env: Env, message: SystemMessageRequest) => Promise<unknown>;

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
    conversationId: optOut.conversationId,
    channel: optOut.channel,
    accountId: optOut.accountId,
    body: OPT_OUT_CONFIRMATIONS[optOut.language],
    idempotencyKey: `opt-out-confirmation:${optOut.inboundMessageId}`,
    purpose: "opt_out_confirmation",
  };
}

export async function confirmOptOut(
  queueSystemMessage: QueueSystemMessage,
  db: Db,
  env: Env,
  optOut: OptOutToConfirm,
): Promise<void> {
  await queueSystemMessage(db, env, optOutConfirmation(optOut));
}
