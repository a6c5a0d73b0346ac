// The tenant boundary is enforced by Postgres. The tables come from the database catalogue (every table in
// `public` with a `workspace_id`), so a new table is checked the day it is created. For each one, user B —
// connected exactly as the app connects (role `authenticated` + `request.jwt.claims`, transaction-local) — must
// not read, update or delete user A's row, nor insert a row into A's workspace. Everything runs inside one
// transaction that is rolled back, so the check can also prove itself: a `using (true)` policy must be caught.
import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { asUser } from "../../workers/db/tenant";
import type { Tx } from "../../workers/db/tenant";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";

const db = () => openDb(env.HYPERDRIVE.connectionString).db;
const rows = async <T = Record<string, unknown>>(tx: Tx, query: SQL) => (await tx.execute(query)) as unknown as T[];

/**
 * Public tables without a `workspace_id`, each with the reason and how it is checked instead: by another
 * tenant column, or — for service-only tables — that no signed-in user reads any of their (seeded) rows.
 */
const WITHOUT_WORKSPACE_ID: Record<string, { reason: string; tenantColumn?: string }> = {
  workspaces: { reason: "the tenant itself: its `id` is the workspace id", tenantColumn: "id" },
  source_cache: { reason: "provider answers cached by query, shared by all workspaces; service_role only" },
  auth_one_time_tokens: {
    reason: "per-user auth tokens (recovery, magic link, PKCE), not workspace data; service_role only",
  },
  mail_outbox: { reason: "every e-mail the app sends (by address, not workspace); service_role only" },
  webhook_nonces: {
    reason: "nonces of signed session-host requests, refused when replayed (no workspace); service_role only",
  },
};

interface World {
  alice: string;
  mallory: string;
  aliceWs: string;
}

/** One row of every tenant table in Alice's workspace, written as the table owner (RLS does not apply). */
async function seed(tx: Tx): Promise<World> {
  const [alice, mallory] = [crypto.randomUUID(), crypto.randomUUID()];
  // The signup trigger gives each user a personal workspace with them as owner (a row in workspaces and members).
  await tx.execute(
    sql`insert into auth.users (id, email) values (${alice}, ${`${alice}@a.test`}), (${mallory}, ${`${mallory}@m.test`})`,
  );
  const [personal] = await rows<{ id: string }>(
    tx,
    sql`select workspace_id as id from workspace_members where user_id = ${alice}`,
  );
  const w = personal!.id;
  const [lead, pipeline, card, request, list, imp, account, thread] = Array.from({ length: 8 }, () =>
    crypto.randomUUID(),
  );
  const a = alice;
  const statements: SQL[] = [
    sql`insert into leads (id, workspace_id, user_id, created_by, full_name) values (${lead}, ${w}, ${a}, ${a}, 'Ada Lovelace')`,
    sql`insert into pipelines (id, workspace_id, user_id, created_by, name) values (${pipeline}, ${w}, ${a}, ${a}, 'Main')`,
    sql`insert into crm_pipelines (id, workspace_id, user_id, created_by, pipeline_id, lead_id, rank) values (${card}, ${w}, ${a}, ${a}, ${pipeline}, ${lead}, 'a0')`,
    sql`insert into pipeline_card_notes (workspace_id, card_id, author_id, body) values (${w}, ${card}, ${a}, 'Call back')`,
    sql`insert into pipeline_card_events (workspace_id, card_id, actor_id, type) values (${w}, ${card}, ${a}, 'created')`,
    sql`insert into lead_requests (id, workspace_id, user_id, created_by, description_text) values (${request}, ${w}, ${a}, ${a}, 'Dentists in Lisbon')`,
    sql`insert into lead_request_leads (request_id, lead_id, workspace_id, rank, score) values (${request}, ${lead}, ${w}, 1, 80)`,
    sql`insert into lead_lists (id, workspace_id, created_by, name) values (${list}, ${w}, ${a}, 'Imported')`,
    sql`insert into lead_list_members (list_id, lead_id, workspace_id) values (${list}, ${lead}, ${w})`,
    sql`insert into imports (id, workspace_id, created_by, list_id, list_name, encoding, delimiter, headers, mapping) values (${imp}, ${w}, ${a}, ${list}, 'Imported', 'utf-8', ',', '{Name}', '{}')`,
    sql`insert into import_chunks (import_id, seq, workspace_id, data) values (${imp}, 0, ${w}, '\\x4e616d65')`,
    sql`insert into import_errors (import_id, row_number, workspace_id, message) values (${imp}, 2, ${w}, 'No name')`,
    sql`insert into api_keys (workspace_id, created_by, name, prefix, key_hash, scopes) values (${w}, ${a}, 'CRM sync', 'rlk_test', 'hash', '{read}')`,
    sql`insert into audit_log (workspace_id, actor_user_id, event) values (${w}, ${a}, 'api_key.created')`,
    sql`insert into dead_letter_jobs (workspace_id, queue, message_id, body, reason) values (${w}, 'enrichment', 'm1', '{}', 'gave up')`,
    sql`insert into workspace_invitations (workspace_id, email, role, token_hash, expires_at, invited_by) values (${w}, 'bob@a.test', 'member', 'hash', now() + interval '1 day', ${a})`,
    sql`insert into live_topics (workspace_id, topic, last_seq) values (${w}, ${`board-${pipeline}`}, 1)`,
    sql`insert into live_events (workspace_id, topic, seq, type, payload) values (${w}, ${`board-${pipeline}`}, 1, 'card.upserted', '{}')`,
    sql`insert into channel_accounts (id, workspace_id, channel, provider, display_name, external_id) values (${account}, ${w}, 'sandbox', 'sandbox', 'Sandbox', ${`acct-${account}`})`,
    sql`insert into channel_credentials (account_id, workspace_id, key_id, sealed) values (${account}, ${w}, 'k1', 'iv.sealed')`,
    sql`insert into oauth_states (state_hash, workspace_id, user_id, provider, expires_at) values (${"a".repeat(64)}, ${w}, ${a}, 'x', now() + interval '10 minutes')`,
    sql`insert into conversations (id, workspace_id, lead_id, channel, account_id) values (${thread}, ${w}, ${lead}, 'sandbox', ${account})`,
    sql`insert into messages (workspace_id, conversation_id, lead_id, channel, direction, body, status) values (${w}, ${thread}, ${lead}, 'sandbox', 'inbound', 'Hi', 'received')`,
    sql`insert into suppressions (workspace_id, lead_id, identity_kind, identity_value, reason, source) values (${w}, ${lead}, 'lead', ${lead}, 'STOP', 'keyword')`,
    sql`insert into messaging_settings (workspace_id) values (${w})`,
    sql`insert into webhook_events (provider, event_id, workspace_id) values ('sandbox', ${`evt-${lead}`}, ${w})`,
    sql`insert into source_cache (key, source, value, expires_at) values (${`k-${lead}`}, 'demo', '{}', now() + interval '1 day')`,
    sql`insert into auth_one_time_tokens (user_id, kind, token_hash, expires_at) values (${a}, 'recovery', ${`hash-${lead}`}, now() + interval '1 hour')`,
    sql`insert into mail_outbox (to_address, subject, body_text, kind, transport) values (${`${a}@a.test`}, 'Reset your password', 'link', 'recovery', 'outbox')`,
    sql`insert into webhook_nonces (nonce, expires_at) values (${`nonce-${lead}`}, now() + interval '10 minutes')`,
  ];
  for (const statement of statements) await tx.execute(statement);
  return { alice, mallory, aliceWs: w };
}

const ROLLBACK = new Error("rollback");

/** Runs `fn` inside a savepoint as `sub`, exactly as the app connects, and always rolls the savepoint back. */
async function asUserIn<T>(tx: Tx, sub: string, fn: (tx: Tx) => Promise<T>): Promise<{ value?: T; error?: string }> {
  let outcome: { value?: T; error?: string } = {};
  const claims = JSON.stringify({ sub, role: "authenticated", aud: "authenticated" });
  await tx
    .transaction(async (sp) => {
      await sp.execute(
        sql`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`,
      );
      try {
        outcome = { value: await fn(sp) };
      } catch (err) {
        outcome = { error: String(((err as Error).cause as Error | undefined)?.message ?? (err as Error).message) };
      }
      throw ROLLBACK;
    })
    .catch((err) => {
      if (err !== ROLLBACK) throw err;
    });
  return outcome;
}

const REFUSED = /row-level security|permission denied/;

/** What user B managed to do to user A's rows, table by table (empty when the boundary holds). */
async function isolationBreaches(tx: Tx, world: World, tables: { table: string; column: string }[]): Promise<string[]> {
  const breaches: string[] = [];
  for (const { table, column } of tables) {
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    const mine = sql`${c} = ${world.aliceWs}`;
    const [owned] = await rows(tx, sql`select to_jsonb(x) as row from ${t} x where ${mine} limit 1`);
    if (!owned) {
      breaches.push(`${table}: no seeded row in A's workspace — add one to seed()`);
      continue;
    }
    // Tables only the service role may touch (no policy for signed-in users) hide the row from A too.
    if (await usersHavePolicy(tx, table)) {
      const ownerSees = await asUserIn(tx, world.alice, (u) =>
        rows<{ n: number }>(u, sql`select count(*)::int as n from ${t} where ${mine}`),
      );
      if (!((ownerSees.value?.[0]?.n ?? 0) > 0))
        breaches.push(`${table}: A cannot read their own row, so the checks below prove nothing`);
    }

    const read = await asUserIn(tx, world.mallory, (u) =>
      rows<{ n: number }>(u, sql`select count(*)::int as n from ${t} where ${mine}`),
    );
    if (read.value?.[0]?.n !== 0 && !REFUSED.test(read.error ?? ""))
      breaches.push(`${table}: B read A's rows (${JSON.stringify(read)})`);
    const update = await asUserIn(tx, world.mallory, (u) =>
      rows(u, sql`update ${t} set ${c} = ${c} where ${mine} returning 1`),
    );
    if (update.value?.length !== 0 && !REFUSED.test(update.error ?? ""))
      breaches.push(`${table}: B updated A's rows (${JSON.stringify(update)})`);
    const remove = await asUserIn(tx, world.mallory, (u) => rows(u, sql`delete from ${t} where ${mine} returning 1`));
    if (remove.value?.length !== 0 && !REFUSED.test(remove.error ?? ""))
      breaches.push(`${table}: B deleted A's rows (${JSON.stringify(remove)})`);
    const copy = await copyOf(tx, table, (owned as { row: Record<string, unknown> }).row, world.mallory);
    const insert = await asUserIn(tx, world.mallory, (u) => insertRow(u, table, copy));
    if (!REFUSED.test(insert.error ?? ""))
      breaches.push(`${table}: B's insert into A's workspace was not refused by RLS (${JSON.stringify(insert)})`);
  }
  return breaches;
}

/** Whether any policy on `table` applies to signed-in users (`authenticated`, or every role). */
async function usersHavePolicy(tx: Tx, table: string): Promise<boolean> {
  const found = await rows(
    tx,
    sql`select 1 from pg_policies where schemaname = 'public' and tablename = ${table} and roles && array['authenticated', 'public']::name[]`,
  );
  return found.length > 0;
}

const ACTOR_COLUMNS = new Set(["user_id", "created_by", "author_id", "actor_id", "actor_user_id", "invited_by"]);

/** A copy of A's row (new id, B as its author) to insert into A's workspace: only RLS may refuse it. */
async function copyOf(tx: Tx, table: string, row: Record<string, unknown>, mallory: string) {
  // Read as the table owner: information_schema hides columns a role has no privilege on.
  const generated = await rows<{ column_name: string }>(
    tx,
    sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} and (is_generated = 'ALWAYS' or identity_generation = 'ALWAYS')`,
  );
  const copy: Record<string, unknown> = { ...row };
  for (const { column_name } of generated) delete copy[column_name];
  if (typeof copy.id === "string") copy.id = crypto.randomUUID();
  for (const key of Object.keys(copy)) if (ACTOR_COLUMNS.has(key)) copy[key] = mallory;
  return copy;
}

function insertRow(tx: Tx, table: string, copy: Record<string, unknown>) {
  const columns = sql.join(
    Object.keys(copy).map((k) => sql.identifier(k)),
    sql`, `,
  );
  const t = sql.identifier(table);
  return rows(
    tx,
    sql`insert into ${t} (${columns}) select ${columns} from jsonb_populate_record(null::${t}, ${JSON.stringify(copy)}::jsonb) returning 1`,
  );
}

/** Every public table, and the column that names its workspace (from the catalogue). */
async function catalogue(tx: Tx) {
  const all = await rows<{ table: string; has_ws: boolean }>(
    tx,
    sql`select t.table_name as table, bool_or(c.column_name = 'workspace_id') as has_ws
        from information_schema.tables t join information_schema.columns c using (table_schema, table_name)
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE' group by 1 order by 1`,
  );
  const tenant = all.filter((t) => t.has_ws).map((t) => ({ table: t.table, column: "workspace_id" }));
  const other = all.filter((t) => !t.has_ws).map((t) => t.table);
  return { tenant, other };
}

/** Runs `fn` in a transaction that is always rolled back: nothing the check creates survives it. */
async function inRolledBackTransaction(fn: (tx: Tx) => Promise<void>) {
  await db()
    .transaction(async (tx) => {
      await fn(tx);
      throw ROLLBACK;
    })
    .catch((err) => {
      if (err !== ROLLBACK) throw err;
    });
}

describe("row-level security between two workspaces, for every table in the catalogue", () => {
  it("lists every public table as tenant data (workspace_id) or explains why not", async () => {
    await inRolledBackTransaction(async (tx) => {
      const { tenant, other } = await catalogue(tx);
      expect(tenant.length).toBeGreaterThanOrEqual(17);
      expect(
        other.filter((t) => !WITHOUT_WORKSPACE_ID[t]),
        "tables with neither workspace_id nor a listed reason",
      ).toEqual([]);
    });
  });

  it("lets user B neither read, update, delete nor insert user A's rows in any table", async () => {
    await inRolledBackTransaction(async (tx) => {
      const world = await seed(tx);
      const { tenant } = await catalogue(tx);
      const explicit = Object.entries(WITHOUT_WORKSPACE_ID).flatMap(([table, e]) =>
        e.tenantColumn ? [{ table, column: e.tenantColumn }] : [],
      );
      expect(await isolationBreaches(tx, world, [...tenant, ...explicit])).toEqual([]);
      for (const [table, entry] of Object.entries(WITHOUT_WORKSPACE_ID)) {
        if (entry.tenantColumn) continue;
        const t = sql.identifier(table);
        const [seeded] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from ${t}`);
        expect(seeded!.n, `${table}: seed a row so the check below means something`).toBeGreaterThan(0);
        for (const user of [world.alice, world.mallory]) {
          const seen = await asUserIn(tx, user, (u) =>
            rows<{ n: number }>(u, sql`select count(*)::int as n from ${t}`),
          );
          expect(seen.value?.[0]?.n ?? 0, `${table} read by a signed-in user: ${JSON.stringify(seen)}`).toBe(0);
        }
      }
    });
  });

  it("fails when a table's policy lets everyone in (`using (true)`)", async () => {
    await inRolledBackTransaction(async (tx) => {
      const world = await seed(tx);
      await tx.execute(
        sql`create policy leak_for_test on public.import_errors for all to authenticated using (true) with check (true)`,
      );
      const breaches = await isolationBreaches(tx, world, (await catalogue(tx)).tenant);
      expect(breaches.map((b) => b.split(" (")[0])).toEqual([
        "import_errors: B read A's rows",
        "import_errors: B updated A's rows",
        "import_errors: B deleted A's rows",
        "import_errors: B's insert into A's workspace was not refused by RLS",
      ]);
    });
    await inRolledBackTransaction(async (tx) => {
      const policies = await rows(tx, sql`select 1 from pg_policies where policyname = 'leak_for_test'`);
      expect(policies).toEqual([]); // rolled back: the leak never reached the shared test database
    });
  });
});

describe("roles inside a workspace", () => {
  it("lets a member read the workspace but not its audit log", async () => {
    const [owner, member] = [await createUser("owner"), await createUser("member")];
    const ws = (await call("/api/me", { headers: owner.headers })).body.workspace.id as string;
    const claims = { sub: owner.id, role: "authenticated" as const, aud: "authenticated" };
    await asUser(db(), claims, (tx) =>
      tx.execute(
        sql`insert into workspace_members (workspace_id, user_id, role) values (${ws}, ${member.id}, 'member')`,
      ),
    );
    const me = await call("/api/me", { headers: { ...member.headers, "x-workspace-id": ws } });
    expect(me.body.workspace).toMatchObject({ id: ws, role: "member" });
    const audit = await call("/api/audit-log", { headers: { ...member.headers, "x-workspace-id": ws } });
    expect(audit.status).toBe(403);
    expect(audit.body.error.code).toBe("FORBIDDEN");
  });
});
