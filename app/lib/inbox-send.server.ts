// The inbox's one door to the send path (workers/messaging/send.service.ts, decision 016).
// TEMPORARY until send.service lands on main: composer options say sending is unavailable and sends are
// refused. After the merge this file becomes: export { composerOptions, retryMessage, sendMessage } from
// "../../workers/messaging/send.service";
import type { Db } from "../../workers/db/client";
import { AppError } from "../../workers/lib/app-error";
import type { MessageJson } from "../../workers/messaging/message-json";
import type { Actor } from "../../workers/services/actor";
import type { Channel, ComposerOptions } from "../components/inbox/types";

export interface SendInput {
  leadId: string;
  channel?: Channel;
  conversationId?: string;
  body: string;
  idempotencyKey: string;
  sendNow?: boolean;
}

export async function composerOptions(_db: Db, _actor: Actor, leadId: string): Promise<ComposerOptions> {
  return {
    leadId,
    channels: [],
    defaultChannel: null,
    blocked: { code: "unavailable", reason: "Sending is not available yet." },
    sample: false,
  };
}

export async function sendMessage(
  _db: Db,
  _actor: Actor,
  _input: SendInput,
): Promise<{ message: MessageJson; created: boolean }> {
  throw new AppError("SERVICE_UNAVAILABLE", "Sending is not available yet.");
}

export async function retryMessage(_db: Db, _actor: Actor, _messageId: string): Promise<MessageJson> {
  throw new AppError("SERVICE_UNAVAILABLE", "Sending is not available yet.");
}
