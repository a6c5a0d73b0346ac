// Input Postgres cannot store, crafted cursors and unsupported methods are client errors on every route:
// 422 / 405 in the envelope, never a 500 — checked once, globally, so no route can forget.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";

const NUL = "\u0000";
const LONE_HIGH = "\uD800";
const LONE_LOW = "\uDC00";

describe("text Postgres refuses", () => {
  it.each([
    ["NUL in a top-level field", "/api/leads", { fullName: `Ada${NUL}Lovelace` }, "fullName"],
    ["lone high surrogate", "/api/leads", { fullName: `Ada ${LONE_HIGH}` }, "fullName"],
    ["lone low surrogate", "/api/pipelines", { name: `${LONE_LOW}x` }, "name"],
    [
      "NUL deep in a nested field",
      "/api/lead-requests",
      { description: "SaaS marketers", filters: { location: `Berlin${NUL}` } },
      "filters.location",
    ],
    ["NUL inside an array", "/api/leads", { fullName: "Ada", tags: ["ok", `bad${NUL}`] }, "tags.1"],
    ["NUL in an object key", "/api/leads", { fullName: "Ada", [`x${NUL}`]: 1 }, `x${NUL}`],
  ])("%s → 422 naming the field", async (_name, path, body, field) => {
    const user = await createUser("nul");
    const res = await postJson(path, JSON.stringify(body), user.headers);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.location).toBe("body");
    expect(Object.keys(res.body.error.details.fields)).toContain(field);
  });

  it("a paired surrogate (an emoji) is fine", async () => {
    const user = await createUser("emoji");
    const res = await postJson("/api/pipelines", { name: "Deals 🚀" }, user.headers);
    expect(res.status).toBe(201);
  });

  it.each([
    ["query parameter", "/api/leads?q=a%00b", "query", "q"],
    ["query parameter of a list with a cursor", "/api/lead-requests?cursor=%00", "query", "cursor"],
    ["path parameter", "/api/leads/%00", "path", "path"],
  ])("NUL in a %s → 422", async (_name, path, location, field) => {
    const user = await createUser("nulq");
    const res = await call(path, { headers: user.headers });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toMatchObject({ location });
    expect(Object.keys(res.body.error.details.fields)).toContain(field);
  });
});

describe("crafted cursors", () => {
  const b64 = (s: string) => btoa(s).replace(/=+$/, "");
  it.each([
    ["garbage", "%%%"],
    ["not base64", "!!!!"],
    ["id that is not a uuid", b64("2026-01-01T00:00:00.000Z|------------------------------------")],
    ["date Postgres cannot hold", b64("+275760-09-13T00:00:00.000Z|00000000-0000-4000-8000-000000000000")],
    ["negative year", b64("-000001-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000")],
    ["extra parts", b64("2026-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000|x")],
    ["non-canonical date", b64("2026-01-01|00000000-0000-4000-8000-000000000000")],
  ])("%s → 422 on cursor", async (_name, cursor) => {
    const user = await createUser("cursor");
    for (const list of ["/api/leads", "/api/lead-requests"]) {
      const res = await call(`${list}?cursor=${encodeURIComponent(cursor)}`, { headers: user.headers });
      expect(res.status, list).toBe(422);
      expect(res.body.error.details.fields).toHaveProperty("cursor");
    }
  });
});

describe("unsupported methods", () => {
  it.each(["TRACE", "PROPFIND", "PURGE"])("%s on /api → 405 with Allow", async (method) => {
    const user = await createUser("trace");
    const res = await SELF.fetch(`${BASE}/api/leads`, { method, headers: user.headers });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("METHOD_NOT_ALLOWED");
  });

  it("a real path with a method it does not answer → 405 listing the ones it does", async () => {
    const user = await createUser("put");
    const res = await call("/api/pipelines", { method: "PUT", headers: user.headers });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
  });
});
