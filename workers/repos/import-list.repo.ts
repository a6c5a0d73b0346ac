import { and, desc, eq, sql } from "drizzle-orm";
import { imports } from "../db/schema";
import type { Queryable } from "../db/tenant";
import { importColumns } from "./imports.repo";

/** The workspace's imports, newest first; the keyset cursor is the last row's (created_at, id). */
export function listImports(
  db: Queryable,
  workspaceId: string,
  limit: number,
  after?: { createdAt: Date; id: string },
) {
  // Cursors carry milliseconds; Postgres keeps microseconds, so order and compare at the cursor's precision.
  const createdMs = sql`date_trunc('milliseconds', ${imports.createdAt})`;
  const cursor = after
    ? sql`(${createdMs}, ${imports.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return db
    .select(importColumns)
    .from(imports)
    .where(and(eq(imports.workspaceId, workspaceId), cursor))
    .orderBy(sql`${createdMs} desc`, desc(imports.id))
    .limit(limit);
}
