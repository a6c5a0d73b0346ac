import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApi } from "../../workers/api/app";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";

const envelope = (code: string) => ({
  error: { code, message: expect.any(String), details: expect.any(Object) },
});

describe("the error envelope", () => {
  type Auth = Record<string, string>;
  it.each([
    ["GET unknown API route, signed out", (_: Auth) => call("/api/nope"), 401, "UNAUTHENTICATED"],
    ["GET unknown API route, signed in", (h: Auth) => call("/api/nope", { headers: h }), 404, "RESOURCE_NOT_FOUND"],
    [
      "POST unknown route with form body",
      (h: Auth) => call("/api/anything", { method: "POST", body: "{bad", headers: h }),
      404,
      "RESOURCE_NOT_FOUND",
    ],
    ["POST unknown route with malformed JSON", (_: Auth) => postJson("/api/anything", "{bad"), 400, "INVALID_JSON"],
    [
      "malformed JSON on a real route",
      (_: Auth) => postJson("/api/client-errors", '{"message": "x",'),
      400,
      "INVALID_JSON",
    ],
    [
      "wrong method on a real route",
      (h: Auth) => call("/api/health", { method: "DELETE", headers: h }),
      405,
      "METHOD_NOT_ALLOWED",
    ],
  ])("%s", async (_name, request, status, code) => {
    const { headers } = await createUser("envelope");
    const res = await request(headers);
    expect(res.status).toBe(status);
    expect(res.body).toEqual(envelope(code));
    expect(res.headers.get("content-type")).toContain("application/json");
  });

  it("reports validation failures per field", async () => {
    const res = await postJson("/api/client-errors", { message: "", url: "not a url", stack: 42 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(["message", "stack", "url"]);
    expect(res.body.error.details.fields.url[0]).toMatch(/url/i);
  });

  it("rejects a JSON body that is not an object as a validation failure", async () => {
    const res = await postJson("/api/client-errors", "[1,2,3]");
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("refuses oversized bodies with 413 before reading them into a route", async () => {
    const big = JSON.stringify({ message: "x".repeat(1024 * 1024 + 10), url: "https://example.com" });
    const res = await postJson("/api/client-errors", big);
    expect(res.status).toBe(413);
    expect(res.body).toEqual(envelope("PAYLOAD_TOO_LARGE"));
  });

  it("accepts a valid client error report", async () => {
    const res = await postJson("/api/client-errors", { message: "boom", url: "https://app.test/dashboard" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ recorded: true });
  });
});

describe("unexpected failures", () => {
  afterEach(() => vi.restoreAllMocks());

  it("become a 500 INTERNAL envelope with the request id and no stack, while the log keeps the stack", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => errors.push(line));
    const api = createApi();
    api.get("/explode", () => {
      throw new Error("database password is hunter2");
    });
    const { headers } = await createUser("explode");
    const ctx = createExecutionContext();
    const request = new Request("http://app.test/api/explode", {
      headers: { ...headers, "x-request-id": "req-explode-1" },
    });
    const res = await api.fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);

    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("at ");
    expect(JSON.parse(text)).toEqual({
      error: { code: "INTERNAL", message: expect.any(String), details: { requestId: "req-explode-1" } },
    });
    const logged = errors.map((l) => JSON.parse(l));
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: "error",
        requestId: "req-explode-1",
        errorMessage: "database password is hunter2",
      }),
    );
  });
});

describe("request ids", () => {
  afterEach(() => vi.restoreAllMocks());

  it("are set on every response, API or not", async () => {
    for (const path of ["/api/health", "/api/nope", "/parties/no-such-party/room"]) {
      const res = await call(path);
      expect(res.headers.get("x-request-id"), path).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("keep a well-formed caller id and replace a hostile one", async () => {
    const kept = await call("/api/health", { headers: { "x-request-id": "trace-abc-12345" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-abc-12345");
    const replaced = await call("/api/health", { headers: { "x-request-id": 'bad id {"injected":true}' } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("appear in the structured access log line", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const ctx = createExecutionContext();
    const res = await createApi().fetch(
      new Request("http://app.test/api/health", { headers: { "x-request-id": "req-log-check-1" } }),
      { ...env, LOG_LEVEL: "info" },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.headers.get("x-request-id")).toBe("req-log-check-1");
    const access = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "request");
    expect(access).toMatchObject({
      level: "info",
      requestId: "req-log-check-1",
      method: "GET",
      path: "/api/health",
      status: 200,
    });
  });
});
