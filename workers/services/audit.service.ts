import { and, desc, eq, gte, sql } from "drizzle-orm";
import { auditLog } from "../db/schema";
import type { Queryable } from "../db/tenant";
import type { Actor } from "./actor";

export type AuditEvent =
  | "auth.sign_up"
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_in_throttled"
  | "auth.sign_out"
  | "api_key.created"
  | "api_key.revoked"
  | "member.added"
  | "member.removed"
  | "member.role_changed"
  | "import"
  | "import.completed"
  | "import.failed"
  | "export"
  | "pipeline.deleted"
  | "lead.opted_out"
  | "lead.deleted"
  | "messaging.settings_changed"
  | "channel.connected"
  | "channel.removed"
  | "channel.limits_changed"
  | "channel.cookie_renewed"
  | "conversation.assigned";

export interface AuditEntry {
  event: AuditEvent;
  workspaceId?: string | null;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  subject?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

/** Who did it and where, for an entry about something a signed-in user or an API key did. */
export function auditedBy(actor: Actor) {
  return { workspaceId: actor.workspaceId, actorUserId: actor.userId, actorApiKeyId: actor.apiKeyId ?? null };
}

export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, details: entry.details ?? {} });
}

/** How many times `event` happened for `subject` in the last `seconds` (e.g. failed sign-ins for an email). */
export async function countRecentAuditEvents(db: Queryable, event: AuditEvent, subject: string, seconds: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.event, event),
        eq(auditLog.subject, subject),
        gte(auditLog.createdAt, sql`now() - make_interval(secs => ${seconds})`),
      ),
    );
  return row?.n ?? 0;
}

export function listAudit(db: Queryable, workspaceId: string, limit: number) {
  return db
    .select({
      id: auditLog.id,
      event: auditLog.event,
      actorUserId: auditLog.actorUserId,
      actorApiKeyId: auditLog.actorApiKeyId,
      subject: auditLog.subject,
      ip: auditLog.ip,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}
