import { MAX_SKEW_SECONDS } from "../protocol/signature";
import type { Sql } from "./db";

/**
 * Remembers signed-request nonces for twice the allowed clock skew; `firstUse` is false for a replay. Kept in
 * Postgres so every host of a fleet refuses a request another host already accepted.
 */
export class NonceStore {
  private lastPrune = 0;

  constructor(private readonly sql: Sql) {}

  async firstUse(nonce: string, now = Date.now()): Promise<boolean> {
    if (now - this.lastPrune > 60_000) {
      this.lastPrune = now;
      await this.sql`delete from session_host.nonces where expires_at < now()`;
    }
    const rows = await this.sql`
      insert into session_host.nonces (nonce, expires_at)
      values (${nonce}, now() + ${2 * MAX_SKEW_SECONDS} * interval '1 second')
      on conflict (nonce) do nothing returning nonce`;
    return rows.length === 1;
  }
}
