// Baileys' auth state in Postgres (decision 017): `creds` and every Signal key as one encrypted row each, so a
// host restart — or another host taking the session over — logs back in without a new QR. Nothing touches disk.
// Other channels' logins (LinkedIn's cookie) are single sealed values in the same table.
import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
} from "@whiskeysockets/baileys";
import type { SealedBox } from "../crypto/sealed-box";
import type { Sql } from "./db";

const CREDS = "creds";
const SECRET = "secret";

interface KeyRow {
  key_id: string;
  enc_key_id: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

export class AuthStateStore {
  constructor(
    private readonly sql: Sql,
    private readonly box: SealedBox,
  ) {}

  private context(sessionId: string, category: string, keyId: string) {
    return `${sessionId}/${category}/${keyId}`;
  }

  private async openValue(sessionId: string, category: string, row: KeyRow): Promise<unknown> {
    const plain = await this.box.open(
      { keyId: row.enc_key_id, iv: row.iv, ciphertext: row.ciphertext },
      this.context(sessionId, category, row.key_id),
    );
    return JSON.parse(new TextDecoder().decode(plain), BufferJSON.reviver);
  }

  private async read(sessionId: string, category: string, ids: string[]): Promise<Map<string, unknown>> {
    const rows = await this.sql<KeyRow[]>`
      select key_id, enc_key_id, iv, ciphertext from session_host.auth_keys
      where session_id = ${sessionId} and category = ${category} and key_id = any(${ids})`;
    const values = new Map<string, unknown>();
    for (const row of rows) values.set(row.key_id, await this.openValue(sessionId, category, row));
    return values;
  }

  private async write(
    sessionId: string,
    entries: { category: string; keyId: string; value: unknown }[],
    sql: Sql = this.sql,
  ) {
    if (entries.length === 0) return;
    const rows = await Promise.all(
      entries.map(async ({ category, keyId, value }) => {
        const plain = new TextEncoder().encode(JSON.stringify(value, BufferJSON.replacer));
        const sealed = await this.box.seal(plain, this.context(sessionId, category, keyId));
        return {
          session_id: sessionId,
          category,
          key_id: keyId,
          enc_key_id: sealed.keyId,
          iv: Buffer.from(sealed.iv),
          ciphertext: Buffer.from(sealed.ciphertext),
        };
      }),
    );
    await sql`
      insert into session_host.auth_keys ${sql(rows)}
      on conflict (session_id, category, key_id) do update
      set enc_key_id = excluded.enc_key_id, iv = excluded.iv, ciphertext = excluded.ciphertext, updated_at = now()`;
  }

  private async remove(sessionId: string, category: string, ids: string[]) {
    if (ids.length === 0) return;
    await this.sql`
      delete from session_host.auth_keys
      where session_id = ${sessionId} and category = ${category} and key_id = any(${ids})`;
  }

  /** True once a session has paired: its creds carry the account's identity. */
  async hasLogin(sessionId: string): Promise<boolean> {
    const creds = (await this.read(sessionId, CREDS, [CREDS])).get(CREDS) as AuthenticationCreds | undefined;
    return Boolean(creds?.me?.id);
  }

  /** The state Baileys reads and writes, plus `saveCreds` for its `creds.update` event. */
  async load(sessionId: string): Promise<{ state: AuthenticationState; saveCreds: () => Promise<void> }> {
    const stored = (await this.read(sessionId, CREDS, [CREDS])).get(CREDS) as AuthenticationCreds | undefined;
    const creds = stored ?? initAuthCreds();
    const state: AuthenticationState = {
      creds,
      keys: {
        get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
          const found = await this.read(sessionId, type, ids);
          const out: { [id: string]: SignalDataTypeMap[T] } = {};
          for (const [id, value] of found) {
            out[id] = (
              type === "app-state-sync-key" ? proto.Message.AppStateSyncKeyData.fromObject(value as object) : value
            ) as SignalDataTypeMap[T];
          }
          return out;
        },
        set: async (data: SignalDataSet) => {
          const upserts: { category: string; keyId: string; value: unknown }[] = [];
          for (const [category, values] of Object.entries(data)) {
            const gone: string[] = [];
            for (const [keyId, value] of Object.entries(values ?? {})) {
              if (value) upserts.push({ category, keyId, value });
              else gone.push(keyId);
            }
            await this.remove(sessionId, category, gone);
          }
          await this.write(sessionId, upserts);
        },
      },
    };
    return { state, saveCreds: () => this.write(sessionId, [{ category: CREDS, keyId: CREDS, value: creds }]) };
  }

  /**
   * A login that is one value rather than Baileys' state (LinkedIn's cookie session, decision 020), sealed the
   * same way and wiped with the rest. `sql`: a transaction to write it in (the session's creation).
   */
  async saveSecret(sessionId: string, name: string, value: unknown, sql: Sql = this.sql): Promise<void> {
    await this.write(sessionId, [{ category: SECRET, keyId: name, value }], sql);
  }

  async loadSecret(sessionId: string, name: string): Promise<unknown> {
    return (await this.read(sessionId, SECRET, [name])).get(name);
  }

  /** Logged out or deleted: nothing of the login may remain. */
  async wipe(sessionId: string): Promise<void> {
    await this.sql`delete from session_host.auth_keys where session_id = ${sessionId}`;
  }

  /** Re-seals rows sealed under an older key with the active one; returns how many were re-sealed. */
  async rotate(sessionId: string): Promise<number> {
    const rows = await this.sql<(KeyRow & { category: string })[]>`
      select category, key_id, enc_key_id, iv, ciphertext from session_host.auth_keys where session_id = ${sessionId}`;
    const stale = rows.filter((r) => !this.box.isCurrent(r.enc_key_id));
    const entries = await Promise.all(
      stale.map(async (r) => ({
        category: r.category,
        keyId: r.key_id,
        value: await this.openValue(sessionId, r.category, r),
      })),
    );
    await this.write(sessionId, entries);
    return entries.length;
  }
}
