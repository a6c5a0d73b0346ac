// The OpenAPI shapes of messages and conversations (workers/messaging/message-json.ts builds them): one place
// for every messaging route, so the document and the live events describe the same objects.
import { z } from "@hono/zod-openapi";
import {
  CONVERSATION_STATUSES,
  MESSAGE_CHANNELS,
  MESSAGE_DIRECTIONS,
  MESSAGE_ORIGINS,
  MESSAGE_STATUSES,
} from "../db/schema";

const time = z.string().openapi({ format: "date-time" });

export const MessageSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    leadId: z.uuid(),
    channel: z.enum(MESSAGE_CHANNELS),
    direction: z.enum(MESSAGE_DIRECTIONS),
    body: z.string(),
    media: z.array(z.object({ url: z.string(), type: z.string() })),
    status: z.enum(MESSAGE_STATUSES),
    origin: z.enum(MESSAGE_ORIGINS),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    fallbackOf: z.uuid().nullable(),
    holdUntil: time.nullable().openapi({ description: "Quiet hours: not sent before this instant" }),
    sentBy: z.uuid().nullable(),
    clientMessageId: z
      .string()
      .nullable()
      .openapi({ description: "The idempotency key the sender chose (outbound only)" }),
    createdAt: time,
    sentAt: time.nullable(),
    deliveredAt: time.nullable(),
    readAt: time.nullable(),
    failedAt: time.nullable(),
    receivedAt: time.nullable(),
  })
  .openapi("Message");

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

export const LeadPanelSchema = InboxLeadSchema.extend({
  timezone: z.string().nullable(),
  bestContactTime: z
    .object({ nextSlotUtc: time, localWindow: z.string().nullable(), localDays: z.array(z.string()) })
    .nullable(),
  cards: z.array(
    z.object({
      id: z.uuid(),
      pipelineId: z.uuid(),
      pipelineName: z.string(),
      stage: z.string(),
      status: z.string(),
    }),
  ),
}).openapi("InboxLeadPanel");
