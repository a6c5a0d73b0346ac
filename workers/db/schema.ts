// Mirrors supabase/migrations/*.sql — the SQL is the source of truth; keep this in step with it.
import { sql } from "drizzle-orm";
import { createdAt, updatedAt } from "./columns";
import {
  bigint,
  boolean,
  customType,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

export const PIPELINE_STAGES = ["To Contact", "Contacted", "In Conversation", "Closed"] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const LEAD_REQUEST_STATUSES = ["queued", "running", "completed", "failed"] as const;
export type LeadRequestStatus = (typeof LEAD_REQUEST_STATUSES)[number];
export const CARD_STATUSES = ["open", "won", "lost"] as const;

export const WORKSPACE_ROLES = ["owner", "admin", "member"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
export const API_KEY_SCOPES = ["read", "write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Tenant columns every domain table carries (`created_by` is null once the author's account is gone). */
const tenant = () => ({
  workspaceId: uuid("workspace_id").notNull(),
  createdBy: uuid("created_by"),
});

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  personal: boolean("personal").notNull().default(false),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: uuid("workspace_id").notNull(),
    userId: uuid("user_id").notNull(),
    role: text("role", { enum: WORKSPACE_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

export const workspaceInvitations = pgTable("workspace_invitations", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull(),
  email: text("email").notNull(),
  role: text("role", { enum: ["admin", "member"] }).notNull(),
  tokenHash: text("token_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  invitedBy: uuid("invited_by").notNull(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull(),
  createdBy: uuid("created_by").notNull(),
  name: text("name").notNull(),
  prefix: text("prefix").notNull(),
  keyHash: text("key_hash").notNull(),
  scopes: text("scopes", { enum: API_KEY_SCOPES }).array().notNull(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const auditLog = pgTable("audit_log", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id"),
  actorUserId: uuid("actor_user_id"),
  actorApiKeyId: uuid("actor_api_key_id"),
  event: text("event").notNull(),
  subject: text("subject"),
  ip: text("ip"),
  userAgent: text("user_agent"),
  details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
  createdAt: createdAt(),
});

export const leadRequests = pgTable("lead_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  ...tenant(),
  userId: uuid("user_id").notNull(),
  descriptionText: text("description_text").notNull(),
  filters: jsonb("filters").notNull().default(sql`'{}'::jsonb`),
  status: text("status", { enum: LEAD_REQUEST_STATUSES }).notNull().default("queued"),
  icp: jsonb("icp"),
  requestedSources: text("requested_sources").array().notNull().default(sql`'{}'`),
  resultLimit: integer("result_limit").notNull().default(25),
  sourceResults: jsonb("source_results").notNull().default(sql`'[]'::jsonb`),
  llm: jsonb("llm"),
  error: text("error"),
  startedAt: timestamp("started_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  durationMs: integer("duration_ms"),
  createdAt: createdAt(),
});

export const leadRequestLeads = pgTable(
  "lead_request_leads",
  {
    requestId: uuid("request_id").notNull(),
    leadId: uuid("lead_id").notNull(),
    workspaceId: uuid("workspace_id").notNull(),
    rank: integer("rank").notNull(),
    score: integer("score").notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.leadId] })],
);

export const sourceCache = pgTable("source_cache", {
  key: text("key").primaryKey(),
  source: text("source").notNull(),
  value: jsonb("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

export const leads = pgTable("leads", {
  id: uuid("id").primaryKey().defaultRandom(),
  ...tenant(),
  userId: uuid("user_id").notNull(),
  fullName: text("full_name").notNull(),
  companyName: text("company_name"),
  jobTitle: text("job_title"),
  location: text("location"),
  timezone: text("timezone"),
  contactChannels: jsonb("contact_channels").notNull().default(sql`'[]'::jsonb`),
  source: text("source"),
  tags: text("tags").array().notNull().default(sql`'{}'`),
  suggestedServices: text("suggested_services").array().notNull().default(sql`'{}'`),
  bestContactTime: jsonb("best_contact_time"),
  email: text("email"),
  phone: text("phone"),
  linkedinUrl: text("linkedin_url"),
  companyDomain: text("company_domain"),
  nameKey: text("name_key"),
  seniority: text("seniority"),
  industry: text("industry"),
  /** The industry as the workspace's own list wrote it ("Trucking, Truck Leasing"), for imported leads. */
  industryLabel: text("industry_label"),
  companySize: integer("company_size"),
  annualRevenue: bigint("annual_revenue", { mode: "number" }),
  city: text("city"),
  region: text("region"),
  country: text("country"),
  mainChannel: text("main_channel"),
  score: integer("score"),
  scoreBreakdown: jsonb("score_breakdown"),
  scoreReasons: text("score_reasons").array().notNull().default(sql`'{}'`),
  mainChannelReason: text("main_channel_reason"),
  sources: text("sources").array().notNull().default(sql`'{}'`),
  sourceRefs: jsonb("source_refs").notNull().default(sql`'{}'::jsonb`),
  provenance: jsonb("provenance").notNull().default(sql`'{}'::jsonb`),
  signals: text("signals").array().notNull().default(sql`'{}'`),
  lastRequestId: uuid("last_request_id"),
  enrichedAt: timestamp("enriched_at", { withTimezone: true }),
  notes: text("notes"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const pipelines = pgTable("pipelines", {
  id: uuid("id").primaryKey().defaultRandom(),
  ...tenant(),
  userId: uuid("user_id").notNull(),
  name: text("name").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const crmPipelines = pgTable(
  "crm_pipelines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ...tenant(),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: PIPELINE_STAGES }).notNull().default("To Contact"),
    notes: text("notes"),
    rank: text("rank").notNull(),
    status: text("status", { enum: CARD_STATUSES }).notNull().default("open"),
    /** Incremented by every change to the card; live events carry it and clients keep the highest. */
    version: bigint("version", { mode: "number" }).notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.pipelineId, t.leadId)],
);

export const deadLetterJobs = pgTable(
  "dead_letter_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id"),
    queue: text("queue").notNull(),
    messageId: text("message_id").notNull(),
    jobType: text("job_type"),
    body: jsonb("body").notNull(),
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.queue, t.messageId)],
);

export const pipelineCardNotes = pgTable("pipeline_card_notes", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull(),
  cardId: uuid("card_id").notNull(),
  authorId: uuid("author_id"),
  body: text("body").notNull(),
  createdAt: createdAt(),
});

export const CARD_EVENT_TYPES = ["created", "moved", "reordered", "status_changed"] as const;

export const pipelineCardEvents = pgTable("pipeline_card_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull(),
  cardId: uuid("card_id").notNull(),
  actorId: uuid("actor_id"),
  type: text("type", { enum: CARD_EVENT_TYPES }).notNull(),
  fromStage: text("from_stage"),
  toStage: text("to_stage"),
  fromStatus: text("from_status"),
  toStatus: text("to_status"),
  createdAt: createdAt(),
});

export const IMPORT_STATUSES = ["queued", "running", "completed", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const leadLists = pgTable("lead_lists", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull(),
  createdBy: uuid("created_by"),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const leadListMembers = pgTable(
  "lead_list_members",
  {
    listId: uuid("list_id").notNull(),
    leadId: uuid("lead_id").notNull(),
    workspaceId: uuid("workspace_id").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.leadId] })],
);

export const imports = pgTable("imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull(),
  createdBy: uuid("created_by"),
  listId: uuid("list_id"),
  listName: text("list_name").notNull(),
  fileName: text("file_name"),
  status: text("status", { enum: IMPORT_STATUSES }).notNull().default("queued"),
  encoding: text("encoding").notNull(),
  delimiter: text("delimiter").notNull(),
  headers: text("headers").array().notNull(),
  mapping: jsonb("mapping").notNull(),
  source: text("source").notNull().default("import"),
  totalBytes: bigint("total_bytes", { mode: "number" }).notNull().default(0),
  chunkCount: integer("chunk_count").notNull().default(0),
  nextSeq: integer("next_seq").notNull().default(0),
  carry: text("carry").notNull().default(""),
  totalRows: integer("total_rows").notNull().default(0),
  imported: integer("imported").notNull().default(0),
  merged: integer("merged").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  error: text("error"),
  createdAt: createdAt(),
  startedAt: timestamp("started_at", { withTimezone: true }),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

export const importChunks = pgTable(
  "import_chunks",
  {
    importId: uuid("import_id").notNull(),
    seq: integer("seq").notNull(),
    workspaceId: uuid("workspace_id").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

export const importErrors = pgTable(
  "import_errors",
  {
    importId: uuid("import_id").notNull(),
    rowNumber: integer("row_number").notNull(),
    workspaceId: uuid("workspace_id").notNull(),
    columnName: text("column_name"),
    message: text("message").notNull(),
    raw: text("raw"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);

/** Per (workspace, topic) event counter; see supabase/migrations/20261202000000_live_events_outbox.sql. */
export const liveTopics = pgTable(
  "live_topics",
  {
    workspaceId: uuid("workspace_id").notNull(),
    topic: text("topic").notNull(),
    lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.topic] })],
);

/** The live-event outbox: written in the transaction that made the change, delivered by the topic's room. */
export const liveEvents = pgTable(
  "live_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id").notNull(),
    topic: text("topic").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [unique().on(t.workspaceId, t.topic, t.seq)],
);

export const ONE_TIME_TOKEN_KINDS = ["recovery", "magiclink", "pkce_code"] as const;
export type OneTimeTokenKind = (typeof ONE_TIME_TOKEN_KINDS)[number];

/** Secrets of the embedded auth server's e-mail flows, hashed (service role only). */
export const authOneTimeTokens = pgTable("auth_one_time_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  kind: text("kind", { enum: ONE_TIME_TOKEN_KINDS }).notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  otpHash: text("otp_hash"),
  codeChallenge: text("code_challenge"),
  codeChallengeMethod: text("code_challenge_method", { enum: ["s256", "plain"] }),
  flow: text("flow"),
  redirectTo: text("redirect_to"),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** Every message sent: the delivery itself in embedded mode (dev mailbox), a record with SMTP. */
export const mailOutbox = pgTable("mail_outbox", {
  id: uuid("id").primaryKey().defaultRandom(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  bodyText: text("body_text").notNull(),
  kind: text("kind").notNull(),
  transport: text("transport", { enum: ["outbox", "smtp"] }).notNull(),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  error: text("error"),
  createdAt: createdAt(),
});

export * from "./messaging.schema";
