// Mirrors supabase/migrations/*.sql — the SQL is the source of truth; keep this in step with it.
import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const PIPELINE_STAGES = ["To Contact", "Contacted", "In Conversation", "Closed"] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const LEAD_REQUEST_STATUSES = ["pending", "running", "completed", "failed"] as const;
export const CARD_STATUSES = ["open", "won", "lost"] as const;

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const leadRequests = pgTable("lead_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  descriptionText: text("description_text").notNull(),
  filters: jsonb("filters").notNull().default(sql`'{}'::jsonb`),
  status: text("status", { enum: LEAD_REQUEST_STATUSES }).notNull().default("pending"),
  createdAt: createdAt(),
});

export const leads = pgTable("leads", {
  id: uuid("id").primaryKey().defaultRandom(),
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
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const pipelines = pgTable("pipelines", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  name: text("name").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const crmPipelines = pgTable(
  "crm_pipelines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pipelineId: uuid("pipeline_id").notNull().references(() => pipelines.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    leadId: uuid("lead_id").notNull().references(() => leads.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: PIPELINE_STAGES }).notNull().default("To Contact"),
    notes: text("notes"),
    status: text("status", { enum: CARD_STATUSES }).notNull().default("open"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.pipelineId, t.leadId)],
);

export const deadLetterJobs = pgTable(
  "dead_letter_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
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
