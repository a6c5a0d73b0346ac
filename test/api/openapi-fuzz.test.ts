// Hostile input over every operation in /api/openapi.json and every /auth/v1 route: requests are generated
// from the request schemas (a valid-looking value, then one hostile mutation: wrong types, huge strings, NUL,
// lone surrogates, deep nesting, extra fields, edge numbers, wrong content types, empty or broken JSON), sent
// as the signed-in owner, with a read key, with a write key and anonymously. Seeded, bounded (16 in flight).
// Property: never a 5xx, and every error is the API envelope (/api) or GoTrue's shape (/auth/v1).
import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BASE, call, postJson } from "../support/api-client";
import { createUser, getAnonKey } from "../support/auth";

const SEED = 20261201;
const API_REQUESTS = 4550;
const AUTH_REQUESTS = 500;
const IN_FLIGHT = 16;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, any>;

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body?: { type: string; schema: Schema };
}

/** /auth/v1 routes the embedded server answers (or should): one line each, with a valid-looking body. */
const AUTH_ROUTES: { method: string; path: string; body?: Record<string, Json>; bearer?: boolean }[] = [
  {
    method: "POST",
    path: "/signup",
    body: { email: "fuzz@example.test", password: "a-long-password-1", data: { name: "x" } },
  },
  {
    method: "POST",
    path: "/token?grant_type=password",
    body: { email: "fuzz@example.test", password: "a-long-password-1" },
  },
  { method: "POST", path: "/token?grant_type=refresh_token", body: { refresh_token: "abcdefghijkl" } },
  { method: "POST", path: "/token?grant_type=pkce", body: { auth_code: "x", code_verifier: "y" } },
  { method: "GET", path: "/user", bearer: true },
  {
    method: "PUT",
    path: "/user",
    body: { email: "new@example.test", password: "another-password-2", data: { a: 1 } },
    bearer: true,
  },
  { method: "POST", path: "/logout?scope=local", bearer: true },
  { method: "POST", path: "/recover", body: { email: "fuzz@example.test" } },
  { method: "POST", path: "/otp", body: { email: "fuzz@example.test", create_user: true } },
  { method: "POST", path: "/verify", body: { type: "magiclink", token: "123456", email: "fuzz@example.test" } },
  { method: "GET", path: "/verify?type=recovery&token=abc&redirect_to=/" },
  { method: "GET", path: "/settings" },
];

function operations(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const params: Schema[] = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const type = Object.keys(content)[0];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
        query: params.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: type ? { type, schema: content[type].schema ?? {} } : undefined,
      });
    }
  }
  return ops;
}

/** A value the schema would accept (as far as a small generator can tell): the base every mutation starts from. */
function validFor(schema: Schema, doc: Schema, depth = 0): Json {
  if (schema.$ref) return validFor(doc.components.schemas[schema.$ref.split("/").pop()], doc, depth);
  if (depth > 6) return null;
  if ("const" in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return validFor(variants.find((v: Schema) => v.type !== "null") ?? variants[0], doc, depth);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => validFor(s, doc, depth)));
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, Json> = {};
      for (const [key, prop] of Object.entries<Schema>(schema.properties ?? {}))
        out[key] = validFor(prop, doc, depth + 1);
      return out;
    }
    case "array":
      return Array.from({ length: schema.minItems ?? 1 }, () => validFor(schema.items ?? {}, doc, depth + 1));
    case "integer":
    case "number":
      return schema.minimum ?? schema.exclusiveMinimum ?? 1;
    case "boolean":
      return true;
    case "string":
      if (schema.format === "uuid") return crypto.randomUUID();
      if (schema.format === "email") return "someone@example.test";
      if (schema.format === "uri" || schema.format === "url") return "https://example.test/page";
      return "x".repeat(Math.max(schema.minLength ?? 0, 12));
    default:
      return "value";
  }
}

const NUL = "\u0000";
const hostileString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    NUL,
    `a${NUL}b`,
    "\uD800",
    "x\uDFFF",
    "\uDBFF\uDBFF",
    "'; drop table leads; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "\u202Eevil",
    "🤖".repeat(40),
    "null",
    "0",
    "-1",
  ),
  fc.integer({ min: 1_000, max: 30_000 }).map((n) => "A".repeat(n)),
  fc.string({ unit: "binary", maxLength: 64 }),
);
const edgeNumber = fc.constantFrom(
  0,
  -0,
  -1,
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 63),
  0.5,
  1e-300,
  2 ** 31,
  99_999_999_999_999,
);
const wrongType: fc.Arbitrary<Json> = fc.oneof(
  fc.boolean(),
  edgeNumber,
  fc.constant(null),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const deepNesting = fc.integer({ min: 100, max: 5_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth));
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  hostileString,
  wrongType,
  edgeNumber,
  deepNesting.map((s) => JSON.parse(s.length > 2_000 ? "[[[[]]]]" : s) as Json),
);

/** Every path into a JSON value (objects and arrays), so a mutation can land at any depth. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...prefix, i]));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function setAt(value: Json, path: (string | number)[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[path[0]!] = setAt(copy[path[0]!] ?? null, path.slice(1), replacement);
  return copy;
}

interface Body {
  text?: string;
  type?: string;
}

/** One hostile body for a JSON request schema. */
function hostileBody(valid: Json): fc.Arbitrary<Body> {
  const json = (v: Json) => ({ text: JSON.stringify(v), type: "application/json" });
  const paths = pathsOf(valid);
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(fc.constantFrom(...paths), hostileValue).map(([p, v]) => json(setAt(valid, p, v))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), fc.string({ maxLength: 20 }), hostileValue)
        .map(([p, k, v]) => json(setAt(valid, [...p, k || "extra"], v))),
    },
    { weight: 1, arbitrary: fc.constant(json(valid)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { text: "", type: "application/json" },
        { text: "{", type: "application/json" },
        { text: "null", type: "application/json" },
        { text: "[]", type: "application/json" },
        { text: '{"a":1}{"b":2}', type: "application/json" },
        { text: "\uFEFF{}", type: "application/json" },
        {},
      ),
    },
    { weight: 1, arbitrary: deepNesting.map((text) => ({ text, type: "application/json" })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/json; charset=utf-16",
          "application/xml",
          "text/csv",
        )
        .map((type) => ({ text: JSON.stringify(valid), type })),
    },
  );
}

const pathParam = (realIds: string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: fc.constantFrom(...realIds) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "not-a-uuid",
        "%00",
        "..%2F..",
        "%E0%A4%A",
        "00000000-0000-0000-0000-000000000000",
        "x".repeat(600),
        "%20",
        "null",
      ),
    },
  );

/** Percent-encodes anything; a lone surrogate (not encodable as UTF-8) becomes the bytes of one, as a hostile client would send. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const encode = (s: string) =>
  encodeURIComponent(s.replace(LONE_SURROGATE, "\uFFFD")) + (LONE_SURROGATE.test(s) ? "%ED%A0%80" : "");
const queryValue = fc.oneof(
  hostileString.map((s) => encode(s.slice(0, 3000))),
  fc.constantFrom("%00", "%E0%A4%A", "%", "1e400", "-1", "true", "[]"),
  fc.nat().map(String),
);

interface Sent {
  operation: string;
  label: string;
  surface: "api" | "auth";
  init: RequestInit;
  url: string;
}

/**
 * The 5xx answers that are right in this suite: no session-host runs (WhatsApp calls say so), and Facebook and
 * Instagram are not configured (connecting names the missing settings) — both a documented 503, not a crash.
 */
function expectedUnavailable(status: number, text: string): boolean {
  try {
    const { error } = JSON.parse(text);
    if (status !== 503 || error?.code !== "SERVICE_UNAVAILABLE") return false;
    return error?.details?.service === "session-host" || Array.isArray(error?.details?.missing);
  } catch {
    return false;
  }
}

async function runAll(requests: Sent[]) {
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        // Not followed: GET /auth/v1/verify redirects to app pages, and this suite has no UI build to render them.
        const res = await SELF.fetch(r.url, { ...r.init, redirect: "manual" });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 && !expectedUnavailable(res.status, text))
          failures.push(`${res.status} ${r.label}: ${text.slice(0, 200)}`);
        else if (res.status >= 400 && r.init.method !== "HEAD") {
          let body: any;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          const ok =
            r.surface === "api"
              ? typeof body?.error?.code === "string" &&
                typeof body?.error?.message === "string" &&
                typeof body?.error?.details === "object"
              : typeof body?.error_code === "string" && typeof body?.msg === "string";
          if (!ok) failures.push(`${res.status} ${r.label}: not the ${r.surface} error shape: ${text.slice(0, 200)}`);
        }
      }
    }),
  );
  return { failures, statuses };
}

describe("hostile input generated from the OpenAPI document and the auth routes", () => {
  it(`${API_REQUESTS + AUTH_REQUESTS} requests, 0 × 5xx, every error in its envelope`, async () => {
    const owner = await createUser("fuzz-owner");
    const authUser = await createUser("fuzz-auth");
    const anonKey = await getAnonKey();
    const keys = await Promise.all(
      (["read", "write"] as const).map(
        async (scope) =>
          (
            await postJson(
              "/api/api-keys",
              { name: `fuzz ${scope}`, scopes: scope === "read" ? ["read"] : ["read", "write"] },
              owner.headers,
            )
          ).body.key as string,
      ),
    );
    const lead = await postJson("/api/leads", { fullName: "Fuzz Target" }, owner.headers);
    const pipeline = await postJson("/api/pipelines", { name: "Fuzz" }, owner.headers);
    const card = await postJson(
      `/api/pipelines/${pipeline.body.pipeline.id}/cards`,
      { leadId: lead.body.lead.id },
      owner.headers,
    );
    const realIds = [lead.body.lead.id, pipeline.body.pipeline.id, card.body.card.id, owner.id];

    const doc = (await call("/api/openapi.json")).body;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(25);
    const principals: Record<string, Record<string, string>> = {
      owner: owner.headers,
      readKey: { "x-api-key": keys[0]! },
      writeKey: { authorization: `Bearer ${keys[1]!}` },
      anonymous: {},
    };

    const apiRequest = fc
      .tuple(fc.constantFrom(...ops), fc.constantFrom(...Object.keys(principals)), fc.nat(), fc.boolean())
      .chain(([op, who, salt, withQuery]) =>
        fc
          .record({
            params: fc.array(pathParam(realIds), { minLength: op.pathParams.length, maxLength: op.pathParams.length }),
            query:
              withQuery && op.query.length > 0
                ? fc.array(fc.tuple(fc.constantFrom(...op.query.map((q) => q.name)), queryValue), {
                    minLength: 1,
                    maxLength: 3,
                  })
                : fc.constant([] as [string, string][]),
            body:
              op.body?.type === "application/json"
                ? hostileBody(validFor(op.body.schema, doc))
                : op.body
                  ? fc.oneof(
                      hostileString.map((text) => ({ text, type: op.body!.type })),
                      fc.constant<Body>({ text: "a,b\n1,2\n", type: "text/csv" }),
                    )
                  : fc.constant<Body>({}),
          })
          .map(({ params, query, body }): Sent => {
            let path = op.path;
            for (const [i, name] of op.pathParams.entries()) path = path.replace(`{${name}}`, params[i]!);
            const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join("&");
            const url = `${BASE}${path}${search ? `?${search}` : ""}`; // the document's paths include /api
            const headers: Record<string, string> = {
              ...principals[who]!,
              ...(body.type ? { "content-type": body.type } : {}),
            };
            if (salt % 7 === 0) headers["x-workspace-id"] = salt % 2 ? crypto.randomUUID() : "not-a-workspace";
            return {
              operation: `${op.method} ${op.path}`,
              label: `${who} ${op.method} ${url.slice(BASE.length, BASE.length + 120)} ${body.text?.slice(0, 60) ?? ""}`,
              surface: "api",
              url,
              init: { method: op.method, headers, body: body.text },
            };
          }),
      );

    const authRequest = fc.constantFrom(...AUTH_ROUTES).chain((route) =>
      (route.body ? hostileBody(route.body) : fc.constant<Body>({})).map((body): Sent => {
        const headers: Record<string, string> = {
          apikey: anonKey,
          ...(body.type ? { "content-type": body.type } : {}),
        };
        if (route.bearer) headers.authorization = `Bearer ${authUser.accessToken}`;
        const url = `${BASE}/auth/v1${route.path}`;
        return {
          operation: `auth ${route.method} ${route.path}`,
          label: `${route.method} ${route.path} ${body.text?.slice(0, 60) ?? ""}`,
          surface: "auth",
          url,
          init: { method: route.method, headers, body: route.method === "GET" ? undefined : body.text },
        };
      }),
    );

    const requests = [
      ...fc.sample(apiRequest, { numRuns: API_REQUESTS, seed: SEED }),
      ...fc.sample(authRequest, { numRuns: AUTH_REQUESTS, seed: SEED + 1 }),
    ];
    // Every operation of the document and every auth route is exercised.
    expect(new Set(requests.map((r) => r.operation)).size).toBe(ops.length + AUTH_ROUTES.length);
    const { failures, statuses } = await runAll(requests);
    console.log(
      `fuzz: ${requests.length} requests over ${ops.length} operations + ${AUTH_ROUTES.length} auth routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(failures.slice(0, 15), `${failures.length} failures`).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(5000);
    // A property, not a speed check: 5,000 requests take ~1.5 min on a quiet machine and over 3 under load.
  }, 420_000);
});
