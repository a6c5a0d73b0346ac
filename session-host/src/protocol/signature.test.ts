import { describe, expect, test } from "bun:test";
import { SIGNATURE_HEADERS, signRequest, verifyRequest } from "./signature";

const SECRET = "s".repeat(40);
const NOW = Date.UTC(2026, 11, 1, 12);
const req = { method: "POST", path: "/sessions/abc/messages?workspaceId=w", body: '{"to":"4917600000001"}' };

async function verify(overrides: Partial<typeof req> = {}, opts: { secret?: string; now?: number } = {}) {
  const headers = new Headers(await signRequest(SECRET, req, { now: NOW }));
  return verifyRequest(opts.secret ?? SECRET, { ...req, ...overrides }, headers, opts.now ?? NOW);
}

describe("signed requests", () => {
  test("a request signed with the shared secret verifies, with its nonce", async () => {
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.ok && result.nonce).toMatch(/^[0-9a-f]{32}$/);
  });

  test.each([
    ["a changed body", { body: '{"to":"4917600000002"}' }, {}, "mismatch"],
    ["another path", { path: "/sessions/other/messages?workspaceId=w" }, {}, "mismatch"],
    ["another query", { path: "/sessions/abc/messages?workspaceId=x" }, {}, "mismatch"],
    ["another method", { method: "DELETE" }, {}, "mismatch"],
    ["another secret", {}, { secret: "t".repeat(40) }, "mismatch"],
    ["a clock 301 s ahead", {}, { now: NOW + 301_000 }, "skew"],
    ["a clock 301 s behind", {}, { now: NOW - 301_000 }, "skew"],
  ] as const)("%s is refused", async (_, overrides, opts, reason) => {
    expect(await verify(overrides, opts)).toEqual({ ok: false, reason });
  });

  test("skew within five minutes is accepted", async () => {
    expect((await verify({}, { now: NOW + 299_000 })).ok).toBe(true);
  });

  test("missing or malformed headers are refused without throwing", async () => {
    const signed = await signRequest(SECRET, req, { now: NOW });
    const without = new Headers(signed);
    without.delete(SIGNATURE_HEADERS.signature);
    expect(await verifyRequest(SECRET, req, without, NOW)).toEqual({ ok: false, reason: "missing" });
    const garbled = new Headers({ ...signed, [SIGNATURE_HEADERS.signature]: "v1=zz" });
    expect(await verifyRequest(SECRET, req, garbled, NOW)).toEqual({ ok: false, reason: "malformed" });
  });
});
