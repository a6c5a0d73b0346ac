// Messaging tables: mirrors supabase/migrations/20261203000000_messaging.sql (decision 016).
import { sql } from "drizzle-orm";
import {
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

export const MESSAGE_CHANNELS = ["whatsapp", "instagram", "facebook", "x", "linkedin", "sandbox"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const CHANNEL_ACCOUNT_STATUSES = ["pending", "connected", "disconnected", "failed"] as const;
export const CONVERSATION_STATUSES = ["open", "snoozed", "closed"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const MESSAGE_DIRECTIONS = ["outbound", "inbound"] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
export const MESSAGE_STATUSES = ["queued", "sent", "delivered", "read", "failed", "received"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/** `api`: sent with an API key by an integration, not typed by a person (policy treats it like a campaign's). */
export const MESSAGE_ORIGINS = ["reply", "manual", "campaign", "system", "inbound", "api"] as const;
export type MessageOrigin = (typeof MESSAGE_ORIGINS)[number];
export const SUPPRESSION_KINDS = ["phone", "email", "handle", "lead"] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];
export const SUPPRESSION_SOURCES = ["keyword", "manual", "api", "provider"] as const;

export const channelAccounts = pgTable(
  "channel_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull(),
    channel: text("channel", { enum: MESSAGE_CHANNELS }).notNull(),
    provider: text("provider").notNull(),
    displayName: text("display_name").notNull(),
    externalId: text("external_id").notNull(),
    status: text("status", { enum: CHANNEL_ACCOUNT_STATUSES }).notNull().default("connected"),
    credentialsRef: text("credentials_ref"),
    /** The provider's own word for the account's state (session-host: qr, connecting, open, logged_out …). */
    providerStatus: text("provider_status"),
    statusReason: text("status_reason"),
    /** The provider's time of the last status report: older reports never overwrite newer ones. */
    statusAt: timestamp("status_at", { withTimezone: true }),
    /** The account's own number (E.164 digits) once known. */
    phone: text("phone"),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.workspaceId, t.channel, t.externalId)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull(),
    leadId: uuid("lead_id").notNull(),
    channel: text("channel", { enum: MESSAGE_CHANNELS }).notNull(),
    accountId: uuid("account_id"),
    externalThreadId: text("external_thread_id"),
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull().default("open"),
    assigneeId: uuid("assignee_id"),
    unreadCount: integer("unread_count").notNull().default(0),
    lastMessageId: uuid("last_message_id"),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
    lastMessagePreview: text("last_message_preview"),
    lastMessageDirection: text("last_message_direction", { enum: MESSAGE_DIRECTIONS }),
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.workspaceId, t.leadId, t.channel)],
);

export const messages = pgTable("messages", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull(),
  conversationId: uuid("conversation_id").notNull(),
  leadId: uuid("lead_id").notNull(),
  channel: text("channel", { enum: MESSAGE_CHANNELS }).notNull(),
  accountId: uuid("account_id"),
  direction: text("direction", { enum: MESSAGE_DIRECTIONS }).notNull(),
  body: text("body").notNull(),
  media: jsonb("media").notNull().default(sql`'[]'::jsonb`),
  status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
  origin: text("origin", { enum: MESSAGE_ORIGINS }).notNull().default("manual"),
  providerMessageId: text("provider_message_id"),
  errorCode: text("error_code"),
  errorMessage: text("error_message"),
  idempotencyKey: text("idempotency_key"),
  sentBy: uuid("sent_by"),
  fallbackOf: uuid("fallback_of"),
  /** Retry: this message is a new attempt at `retry_of`, which failed. */
  retryOf: uuid("retry_of"),
  fallbackEnabled: boolean("fallback_enabled").notNull().default(true),
  holdUntil: timestamp("hold_until", { withTimezone: true }),
  attempts: integer("attempts").notNull().default(0),
  queuedAt: timestamp("queued_at", { withTimezone: true }),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  readAt: timestamp("read_at", { withTimezone: true }),
  failedAt: timestamp("failed_at", { withTimezone: true }),
  receivedAt: timestamp("received_at", { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const suppressions = pgTable("suppressions", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull(),
  leadId: uuid("lead_id"),
  identityKind: text("identity_kind", { enum: SUPPRESSION_KINDS }).notNull(),
  identityValue: text("identity_value").notNull(),
  channel: text("channel", { enum: MESSAGE_CHANNELS }),
  reason: text("reason").notNull(),
  source: text("source", { enum: SUPPRESSION_SOURCES }).notNull(),
  createdBy: uuid("created_by"),
  createdAt: createdAt(),
});

export const messagingSettings = pgTable("messaging_settings", {
  workspaceId: uuid("workspace_id").primaryKey(),
  fallbackOrder: text("fallback_order")
    .array()
    .notNull()
    .default(sql`array['whatsapp', 'linkedin', 'instagram', 'facebook', 'x']::text[]`),
  quietStart: smallint("quiet_start").notNull().default(20),
  quietEnd: smallint("quiet_end").notNull().default(8),
  moveOnReply: boolean("move_on_reply").notNull().default(true),
  updatedAt: updatedAt(),
});

/** Provider events already accepted: webhook retries and replays are acknowledged and dropped (service role). */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    workspaceId: uuid("workspace_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

/** Nonces of signed session-host requests already accepted: a replay within the signature window is refused. */
export const webhookNonces = pgTable("webhook_nonces", {
  nonce: text("nonce").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Sealed credentials of API-connected accounts (Meta page tokens, X OAuth tokens); service role only. */
export const channelCredentials = pgTable("channel_credentials", {
  accountId: uuid("account_id").primaryKey(),
  workspaceId: uuid("workspace_id").notNull(),
  keyId: text("key_id").notNull(),
  sealed: text("sealed").notNull(),
  updatedAt: updatedAt(),
});

/** OAuth flows in progress: the state's SHA-256, who started it, the PKCE verifier; used once, short-lived. */
export const oauthStates = pgTable("oauth_states", {
  stateHash: text("state_hash").primaryKey(),
  workspaceId: uuid("workspace_id").notNull(),
  userId: uuid("user_id").notNull(),
  provider: text("provider").notNull(),
  codeVerifier: text("code_verifier"),
  data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});
