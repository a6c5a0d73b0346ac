// Property: hundreds of malformed or hostile requests against every write route get a 4xx in the right
// envelope — never a 500 — and change nothing that was stored.
import { SELF, env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { asService } from "../../workers/db/tenant";
import { BASE, call, postJson } from "../support/api-client";
import { createUser, getAnonKey } from "../support/auth";
import type { TestUser } from "../support/auth";

interface WriteRoute {
  method: string;
  path: (id: string) => string;
  /** Object keys that, all present as strings, could make a body valid: such bodies are not generated. */
  required: string[];
  surface: "api" | "auth";
}

const ROUTES: WriteRoute[] = [
  { method: "POST", path: () => "/api/client-errors", required: ["message", "url"], surface: "api" },
  { method: "POST", path: () => "/api/workspaces", required: ["name"], surface: "api" },
  { method: "POST", path: () => "/api/api-keys", required: ["name"], surface: "api" },
  { method: "DELETE", path: (id) => `/api/api-keys/${id}`, required: [], surface: "api" },
  { method: "POST", path: () => "/api/invitations", required: ["email"], surface: "api" },
  { method: "DELETE", path: (id) => `/api/invitations/${id}`, required: [], surface: "api" },
  { method: "POST", path: () => "/api/invitations/accept", required: ["token"], surface: "api" },
  { method: "PATCH", path: (id) => `/api/members/${id}`, required: ["role"], surface: "api" },
  { method: "DELETE", path: (id) => `/api/members/${id}`, required: [], surface: "api" },
  { method: "POST", path: () => "/api/leads", required: ["fullName"], surface: "api" },
  { method: "PATCH", path: (id) => `/api/leads/${id}`, required: ["fullName"], surface: "api" },
  { method: "POST", path: (id) => `/api/leads/${id}/enrich`, required: [], surface: "api" },
  { method: "POST", path: () => "/api/lead-requests", required: ["description"], surface: "api" },
  { method: "POST", path: () => "/api/pipelines", required: ["name"], surface: "api" },
  { method: "PATCH", path: (id) => `/api/pipelines/${id}`, required: ["name"], surface: "api" },
  { method: "DELETE", path: (id) => `/api/pipelines/${id}`, required: [], surface: "api" },
  { method: "POST", path: (id) => `/api/pipelines/${id}/cards`, required: ["leadId"], surface: "api" },
  {
    method: "PATCH",
    path: (id) => `/api/pipeline-cards/${id}`,
    required: ["stage", "status", "notes"],
    surface: "api",
  },
  { method: "DELETE", path: (id) => `/api/pipeline-cards/${id}`, required: [], surface: "api" },
  { method: "POST", path: (id) => `/api/pipeline-cards/${id}/notes`, required: ["body"], surface: "api" },
  { method: "POST", path: () => "/auth/v1/signup", required: ["email", "password"], surface: "auth" },
  {
    method: "POST",
    path: () => "/auth/v1/token?grant_type=password",
    required: ["email", "password"],
    surface: "auth",
  },
  {
    method: "POST",
    path: () => "/auth/v1/token?grant_type=refresh_token",
    required: ["refresh_token"],
    surface: "auth",
  },
  {
    method: "POST",
    path: () => "/auth/v1/token?grant_type=pkce",
    required: ["auth_code", "code_verifier"],
    surface: "auth",
  },
  { method: "POST", path: () => "/auth/v1/recover", required: ["email"], surface: "auth" },
  { method: "POST", path: () => "/auth/v1/otp", required: ["email"], surface: "auth" },
  { method: "POST", path: () => "/auth/v1/verify", required: ["type", "token_hash"], surface: "auth" },
  { method: "POST", path: (id) => `/auth/v1/logout?scope=${id}`, required: [], surface: "auth" },
];

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
);
const hostileString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "'; drop table leads; --",
    "<script>alert(1)</script>",
    "\u0000",
    "../../etc/passwd",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, sent as plain text on purpose
    "${jndi:ldap://x}",
    "%00",
    "🤖".repeat(50),
  ),
  fc.string({ minLength: 130, maxLength: 400 }),
);

function bodyFor(route: WriteRoute) {
  const invalidObject = fc
    .dictionary(
      fc.oneof(fc.constantFrom(...route.required, "__proto__", "constructor", "role", "scopes"), fc.string()),
      fc.oneof(wrongType, hostileString),
      { maxKeys: 5 },
    )
    // Any body whose required fields are all non-blank strings might be valid (e.g. a 150-character name),
    // so such bodies are left out; everything generated here must be refused.
    .filter(
      (o) =>
        !(
          route.required.length > 0 &&
          route.required.every(
            (k) =>
              typeof (o as Record<string, unknown>)[k] === "string" &&
              (o as Record<string, string>)[k]!.trim().length > 0,
          )
        ),
    );
  return fc.oneof(
    fc.string().map((s) => ({ text: s, type: "application/json" })), // mostly malformed JSON
    fc
      .jsonValue()
      .filter((v) => typeof v !== "object" || v === null || Array.isArray(v))
      .map((v) => ({ text: JSON.stringify(v), type: "application/json" })),
    invalidObject.map((o) => ({ text: JSON.stringify(o), type: "application/json" })),
    fc.constant({
      text: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"role":"owner"}}}',
      type: "application/json",
    }),
    fc.string().map((s) => ({ text: s, type: "text/plain" })),
    fc.constant({ text: "a=1&b=2", type: "application/x-www-form-urlencoded" }),
  );
}

const pathId = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 60 }).map(encodeURIComponent),
  fc.constantFrom("..", "%2e%2e", "null", "1 or 1=1"),
);

async function snapshot(user: TestUser, workspaceId: string) {
  const db = openDb(env.HYPERDRIVE.connectionString).db;
  return asService(db, (tx) =>
    tx.execute(sql`select
      (select count(*)::int from workspaces where created_by = ${user.id}) as workspaces,
      (select count(*)::int from workspace_members where workspace_id = ${workspaceId}) as members,
      (select string_agg(user_id || role, ',' order by user_id) from workspace_members where workspace_id = ${workspaceId}) as roles,
      (select count(*)::int from workspace_invitations where workspace_id = ${workspaceId}) as invitations,
      (select count(*)::int from api_keys where workspace_id = ${workspaceId} and revoked_at is null) as keys,
      (select count(*)::int from leads where workspace_id = ${workspaceId}) as leads,
      (select count(*)::int from lead_requests where workspace_id = ${workspaceId}) as lead_requests,
      (select string_agg(name, ',' order by id) from pipelines where workspace_id = ${workspaceId}) as pipelines,
      (select string_agg(stage || rank || status || coalesce(notes, ''), ',' order by id) from crm_pipelines where workspace_id = ${workspaceId}) as cards,
      (select count(*)::int from pipeline_card_notes where workspace_id = ${workspaceId}) as notes`),
  );
}

describe("hostile input on every write route", () => {
  it("always yields a 4xx envelope and never changes stored data", async () => {
    const user = await createUser("fuzz");
    const me = await call("/api/me", { headers: user.headers });
    const workspaceId = me.body.workspace.id as string;
    const key = await postJson("/api/api-keys", { name: "keep me", scopes: ["read"] }, user.headers);
    const invite = await postJson("/api/invitations", { email: "keep@example.test" }, user.headers);
    expect([key.status, invite.status]).toEqual([201, 201]);
    const lead = await postJson("/api/leads", { fullName: "Keep Me" }, user.headers);
    const pipeline = await postJson("/api/pipelines", { name: "Keep" }, user.headers);
    const card = await postJson(
      `/api/pipelines/${pipeline.body.pipeline.id}/cards`,
      { leadId: lead.body.lead.id },
      user.headers,
    );
    expect(card.status).toBe(201);
    const before = await snapshot(user, workspaceId);
    const apikey = await getAnonKey();
    const seen = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), pathId, fc.nat(), async (route, id, pick) => {
        const sample = fc.sample(bodyFor(route), { numRuns: 1, seed: pick })[0]!;
        const headers: Record<string, string> = { ...user.headers, "content-type": sample.type };
        if (route.surface === "auth") headers.apikey = apikey;
        const res = await SELF.fetch(`${BASE}${route.path(id)}`, { method: route.method, headers, body: sample.text });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const text = await res.text();
        expect(res.status, `${route.method} ${route.path(id)} ${sample.text.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${route.method} ${route.path(id)} ${text}`).toBeLessThan(500);
        const body = JSON.parse(text);
        if (route.surface === "api")
          expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        else expect(body).toMatchObject({ error_code: expect.any(String), msg: expect.any(String) });
      }),
      { numRuns: 400 },
    );

    expect(await snapshot(user, workspaceId)).toEqual(before);
    expect([...seen.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
  }, 120_000);
});
