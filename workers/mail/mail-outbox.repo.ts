import { and, desc, eq, sql } from "drizzle-orm";
import { mailOutbox } from "../db/schema";
import type { Queryable } from "../db/tenant";

const COLUMNS = {
  id: mailOutbox.id,
  toAddress: mailOutbox.toAddress,
  subject: mailOutbox.subject,
  bodyText: mailOutbox.bodyText,
  kind: mailOutbox.kind,
  createdAt: mailOutbox.createdAt,
};

export type StoredMail = {
  id: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  kind: string;
  createdAt: Date;
};

export async function insertMail(
  db: Queryable,
  row: {
    toAddress: string;
    subject: string;
    bodyText: string;
    kind: string;
    transport: "outbox" | "smtp";
    sentAt: Date | null;
    error: string | null;
  },
) {
  const [stored] = await db.insert(mailOutbox).values(row).returning({ id: mailOutbox.id });
  return stored!.id;
}

/** Messages stored for the dev mailbox (never the SMTP records), newest first; `to` null means all. */
export function listOutboxMail(db: Queryable, to: string | null, limit = 50): Promise<StoredMail[]> {
  const forAddress = to ? sql`lower(${mailOutbox.toAddress}) = lower(${to})` : undefined;
  return db
    .select(COLUMNS)
    .from(mailOutbox)
    .where(and(eq(mailOutbox.transport, "outbox"), forAddress))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
}
