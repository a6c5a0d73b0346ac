import { describe, expect, it } from "vitest";
import { createApi } from "../../workers/api/app";
import { call } from "../support/api-client";
import { responseProblems } from "../support/openapi-responses";

type Operation = {
  operationId: string;
  responses: Record<string, any>;
  requestBody?: any;
  "x-access": string;
  security: unknown[];
};
const served = async () =>
  (await call("/api/openapi.json")).body as {
    paths: Record<string, Record<string, Operation>>;
    components: any;
    servers: any[];
  };
const METHODS = ["get", "put", "post", "patch", "delete"];

describe("GET /api/openapi.json", () => {
  it("documents every route with its JSON request and response shapes", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, Operation>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/leads",
        "/api/pipelines/{id}/board",
        "/api/pipeline-cards/{id}",
        "/api/api-keys",
        "/api/invitations/accept",
        "/api/imports",
      ]),
    );
    expect(paths["/api/leads"]!.post!.requestBody.content["application/json"].schema).toBeDefined();
    expect(paths["/api/leads"]!.post!.responses["201"].content["application/json"].schema).toBeDefined();
    expect(paths["/api/health"]!.get!.responses["503"].description).toBe("Postgres is unreachable");
  });

  it("lists exactly the routes the router serves, both ways", async () => {
    const routed = new Set(
      createApi()
        .routes.filter((r) => r.method !== "ALL" && !r.path.includes("*"))
        .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, "{$1}")}`),
    );
    const documented = new Set(
      Object.entries((await served()).paths).flatMap(([path, item]) =>
        METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect(
      [...routed].filter((r) => !documented.has(r)),
      "served but not documented",
    ).toEqual([]);
    expect(
      [...documented].filter((d) => !routed.has(d)),
      "documented but not served",
    ).toEqual([]);
  });

  it("names every operation uniquely and documents its errors with one envelope and the limiter's headers", async () => {
    const doc = await served();
    expect(doc.servers[0].url).toBe("http://app.test");
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m]! })),
    );
    const ids = ops.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("getPipelinesIdBoard");
    for (const { path, method, op } of ops) {
      const where = `${method} ${path}`;
      expect(op.responses["429"]?.content["application/json"].schema, where).toEqual({
        $ref: "#/components/schemas/ErrorEnvelope",
      });
      expect(Object.keys(op.responses["429"].headers), where).toEqual(
        expect.arrayContaining(["Retry-After", "RateLimit-Limit", "x-request-id"]),
      );
      expect(op.responses["500"], where).toBeDefined();
      const isPublic = op["x-access"] === "public";
      // Public webhooks prove themselves with a signature instead of credentials: a bad one is their 401.
      // (Their GET is the provider proving the URL with a verify token: a wrong one is a 403, no 401.)
      const signed = path.startsWith("/api/hooks/") && method === "post";
      expect(Boolean(op.responses["401"]), `${where} 401`).toBe(!isPublic || signed);
      const verifies = path.startsWith("/api/hooks/") && method === "get";
      expect(Boolean(op.responses["403"]), `${where} 403`).toBe(!isPublic || verifies);
      expect(op.security.length === 0, `${where} security`).toBe(isPublic);
      if (op.requestBody)
        expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(["400", "413", "415", "422"]));
    }
    expect(Object.keys(doc.components.headers)).toEqual(
      expect.arrayContaining(["RequestId", "RateLimitLimit", "RateLimitRemaining", "RateLimitReset", "RetryAfter"]),
    );
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["accessToken", "apiKey", "sessionCookie"]);
  });
});

describe("the response check every test's call() runs", () => {
  const headers = new Headers({ "content-type": "application/json", "x-request-id": "abc" });
  const envelope = JSON.stringify({ error: { code: "RESOURCE_NOT_FOUND", message: "No", details: {} } });

  it("accepts a declared error in the envelope", () => {
    expect(responseProblems("GET", "/api/leads/00000000-0000-4000-8000-000000000000", 404, headers, envelope)).toEqual(
      [],
    );
  });

  it("refuses an undeclared status, an undeclared content type, a body off-schema and a missing request id", () => {
    expect(responseProblems("GET", "/api/health", 418, headers, "{}")[0]).toMatch(/status 418 is not declared/);
    expect(
      responseProblems(
        "GET",
        "/api/health",
        200,
        new Headers({ "content-type": "text/html", "x-request-id": "a" }),
        "<p>",
      )[0],
    ).toMatch(/content type "text\/html"/);
    expect(responseProblems("GET", "/api/health", 200, headers, JSON.stringify({ status: "fine" }))[0]).toMatch(
      /does not match the schema/,
    );
    expect(responseProblems("GET", "/api/leads/x", 404, headers, JSON.stringify({ message: "not found" }))[0]).toMatch(
      /does not match/,
    );
    expect(
      responseProblems(
        "GET",
        "/api/health",
        503,
        new Headers({ "content-type": "application/json" }),
        JSON.stringify({ status: "degraded", db: "down", version: "1" }),
      )[0],
    ).toMatch(/x-request-id is missing/);
  });
});
