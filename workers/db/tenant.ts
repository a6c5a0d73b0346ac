import { sql } from "drizzle-orm";
import type { Db } from "./client";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The JWT claims Postgres sees through `auth.jwt()` / `auth.uid()`, exactly as Supabase sets them. */
export interface DbClaims {
  sub: string;
  role: "authenticated";
  email?: string;
  [claim: string]: unknown;
}

/**
 * Runs `fn` as the signed-in user: `role authenticated` plus the request's claims, both transaction-local
 * (never plain SET: on the embedded database all connections share one backend). RLS decides what is visible.
 */
export function asUser<T>(db: Db, claims: DbClaims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`,
    );
    return fn(tx);
  });
}

/**
 * The explicit background path (queue consumers, sign-in bookkeeping): `service_role` bypasses RLS, so
 * every query made here must scope itself by workspace_id.
 */
export function asService<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'service_role', true)`);
    return fn(tx);
  });
}

/** Repos accept either the plain client or a transaction opened by `asUser` / `asService`. */
export type Queryable = Db | Tx;
