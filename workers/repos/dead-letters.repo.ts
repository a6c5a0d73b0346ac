import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "../db/tenant";
import { deadLetterJobs } from "../db/schema";

export interface NewDeadLetter {
  workspaceId: string | null;
  queue: string;
  messageId: string;
  jobType: string | null;
  body: unknown;
  reason: string;
  attempts: number;
}

/** Idempotent: a message redelivered after a crash is recorded once. */
export async function insertDeadLetters(db: Queryable, rows: NewDeadLetter[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(deadLetterJobs).values(rows).onConflictDoNothing();
}

export function findDeadLetter(db: Queryable, queue: string, messageId: string) {
  return db
    .select({
      id: deadLetterJobs.id,
      queue: deadLetterJobs.queue,
      messageId: deadLetterJobs.messageId,
      jobType: deadLetterJobs.jobType,
      body: deadLetterJobs.body,
      reason: deadLetterJobs.reason,
      attempts: deadLetterJobs.attempts,
      createdAt: deadLetterJobs.createdAt,
    })
    .from(deadLetterJobs)
    .where(and(eq(deadLetterJobs.queue, queue), eq(deadLetterJobs.messageId, messageId)))
    .orderBy(desc(deadLetterJobs.createdAt))
    .limit(1)
    .then((rows) => rows[0]);
}
