import type { Connection, WSMessage } from "partyserver";
import { z } from "zod";
import { AppError } from "../workers/lib/app-error";
import { createLogger, describeError } from "../workers/lib/logger";
import { MESSAGE_CHANNELS, isMessageChannel } from "../workers/messaging/channels";
import { leadTopic } from "../workers/messaging/messaging-live";
import { deliverMessages } from "../workers/messaging/orchestrator.service";
import type { SendOutcome } from "../workers/messaging/orchestrator.service";
import { composerOptions, sendMessage } from "../workers/messaging/send.service";
import { localRoom } from "../workers/realtime/live-events";
import { actorForPrincipal } from "../workers/realtime/room-actor";
import type { RoomBinding } from "../workers/realtime/room-classes";
import { LiveRoom } from "./live-room";

const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("subscribe"), channel: z.literal("messages"), leadId: z.uuid() }),
  z.object({
    type: z.literal("send_message"),
    content: z.string().trim().min(1).max(4096),
    /** A channel id, or one of the lead's handles; omitted → the lead's routing decides. */
    recipient: z.string().max(500).optional(),
    clientMessageId: z.string().min(8).max(200),
    sendNow: z.boolean().optional(),
  }),
]);

/**
 * One room per lead (`/parties/lead-room/<workspaceId>.<leadId>`): the lead's conversation events
 * (message_sent, message_received, lead_updated from the outbox topic `lead-<leadId>`) fan out to every
 * current member, and every outbound send for the lead runs here one at a time, so one lead's messages keep
 * their order and a message is never handed to its channel twice at once. Postgres stays the record.
 */
export class LeadRoom extends LiveRoom {
  protected readonly binding: RoomBinding = "LeadRoom";
  #sending: Promise<unknown> = Promise.resolve();

  get leadId(): string {
    return this.name.slice(this.name.indexOf(".") + 1);
  }

  protected topicOf(): string {
    return leadTopic(this.leadId);
  }

  onMemberConnect(connection: Connection): void {
    connection.send(JSON.stringify({ type: "ready", room: this.name, leadId: this.leadId }));
  }

  /**
   * Sends queued messages of this lead in the order given (called by the outbound queue's consumer with its
   * batch's messages for the lead); one call at a time per lead, so sends never overlap or reorder.
   */
  dispatch(workspaceId: string, messageIds: string[]): Promise<SendOutcome[]> {
    const run = this.#sending.then(() =>
      this.#here(workspaceId, () => deliverMessages(this.db(), this.env, workspaceId, messageIds)),
    );
    this.#sending = run.catch(() => undefined);
    return run;
  }

  /** Runs `fn` with this room registered as local, so its own events are delivered here, not via its stub. */
  #here<T>(workspaceId: string, fn: () => Promise<T>): Promise<T> {
    return localRoom.run({ workspaceId, topic: leadTopic(this.leadId), deliver: (seq) => this.deliver(seq) }, fn);
  }

  async onMessage(connection: Connection, raw: WSMessage): Promise<void> {
    let parsed: z.infer<typeof ClientMessage>;
    try {
      parsed = ClientMessage.parse(JSON.parse(typeof raw === "string" ? raw : new TextDecoder().decode(raw)));
    } catch {
      this.#reply(connection, {
        type: "error",
        error: { code: "BAD_REQUEST", message: "Not a message this room understands." },
      });
      return;
    }
    if (parsed.type === "subscribe") {
      if (parsed.leadId !== this.leadId)
        return this.#reply(connection, {
          type: "error",
          error: { code: "BAD_REQUEST", message: "This room is another lead's." },
        });
      return this.#reply(connection, { type: "subscribed", channel: "messages", leadId: this.leadId });
    }
    await this.#here(this.name.slice(0, this.name.indexOf(".")), () => this.#send(connection, parsed));
  }

  async #send(connection: Connection, msg: Extract<z.infer<typeof ClientMessage>, { type: "send_message" }>) {
    const principal = this.principalOf(connection);
    const workspaceId = this.name.slice(0, this.name.indexOf("."));
    const db = this.db();
    try {
      const actor = principal ? await actorForPrincipal(db, workspaceId, principal) : undefined;
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in again to send.");
      if (!actor.scopes.includes("write")) throw new AppError("FORBIDDEN", "This API key may only read.");
      const channel = await this.#channelFor(db, actor, msg.recipient);
      const { message } = await sendMessage(
        db,
        actor,
        { leadId: this.leadId, body: msg.content, idempotencyKey: msg.clientMessageId, channel, sendNow: msg.sendNow },
        this.env,
      );
      this.#reply(connection, {
        type: "send_ack",
        clientMessageId: msg.clientMessageId,
        messageId: message.id,
        status: message.status,
      });
    } catch (err) {
      const error = err instanceof AppError ? err : new AppError("INTERNAL", "The message could not be queued.");
      if (!(err instanceof AppError))
        createLogger({ room: this.name }).error("lead_room.send_failed", describeError(err));
      this.#reply(connection, { type: "error", clientMessageId: msg.clientMessageId, error: error.toEnvelope().error });
    }
  }

  /** `recipient` names a channel, or one of the lead's handles (its channel is then used). */
  async #channelFor(
    db: Parameters<typeof composerOptions>[0],
    actor: Parameters<typeof composerOptions>[1],
    recipient?: string,
  ) {
    if (!recipient) return undefined;
    if (isMessageChannel(recipient)) return recipient;
    const options = await composerOptions(db, actor, this.leadId);
    const match = options.channels.find((c) => c.handle === recipient);
    if (!match)
      throw new AppError("VALIDATION_FAILED", "The message is not valid.", {
        fields: { recipient: [`Not one of this lead's channels (${MESSAGE_CHANNELS.join(", ")}) or handles.`] },
      });
    return match.channel;
  }

  #reply(connection: Connection, payload: Record<string, unknown>): void {
    connection.send(JSON.stringify(payload));
  }
}
