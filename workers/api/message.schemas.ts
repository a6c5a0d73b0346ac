// The OpenAPI shapes of the inbox's conversations (workers/messaging/message-json.ts and
// conversations.service build them), so the document and the live events describe the same objects.
import { z } from "@hono/zod-openapi";
import { CONVERSATION_STATUSES, MESSAGE_CHANNELS, MESSAGE_DIRECTIONS } from "../db/schema";

const time = z.string().openapi({ format: "date-time" });

/** One message: the send routes' schema, so the document has a single "Message". */
export { MessageSchema } from "./messages.routes";

export const InboxLeadSchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    companyName: z.string().nullable(),
    jobTitle: z.string().nullable(),
    score: z.number().nullable(),
    tags: z.array(z.string()),
    sample: z.boolean().openapi({ description: "The lead exists only in the built-in sample data (Sandbox only)" }),
  })
  .openapi("InboxLead");

export const ConversationSummarySchema = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  channel: z.enum(MESSAGE_CHANNELS),
  status: z.enum(CONVERSATION_STATUSES),
  assigneeId: z.uuid().nullable(),
  unreadCount: z.number().int(),
  lastMessageId: z.uuid().nullable(),
  lastMessageAt: time.nullable(),
  lastMessagePreview: z.string().nullable(),
  lastMessageDirection: z.enum(MESSAGE_DIRECTIONS).nullable(),
  lastInboundAt: time.nullable(),
});

export const ConversationSchema = ConversationSummarySchema.extend({
  createdAt: time,
  lead: InboxLeadSchema,
  assignee: z.object({ id: z.uuid(), email: z.string().nullable() }).nullable(),
}).openapi("Conversation");

/** A lead's card on one board (the inbox panel, the lead page). */
export const LeadCardSchema = z.object({
  id: z.uuid(),
  pipelineId: z.uuid(),
  pipelineName: z.string(),
  stage: z.string(),
  status: z.string(),
});

export const LeadPanelSchema = InboxLeadSchema.extend({
  timezone: z.string().nullable(),
  bestContactTime: z
    .object({ nextSlotUtc: time, localWindow: z.string().nullable(), localDays: z.array(z.string()) })
    .nullable(),
  cards: z.array(LeadCardSchema),
}).openapi("InboxLeadPanel");
