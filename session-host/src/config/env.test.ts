import { describe, expect, test } from "bun:test";
import { parseEnv } from "./env";

const KEY = Buffer.alloc(32, 7).toString("base64");
const valid = {
  DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x",
  SESSION_HOST_SECRET: "x".repeat(32),
  SESSION_HOST_WORKER_URL: "http://127.0.0.1:8787",
  SESSION_ENCRYPTION_KEYS: `k1:${KEY}`,
  SESSION_ENCRYPTION_KEY_ID: "k1",
};

describe("start-up configuration", () => {
  test("defaults: loopback port 8790, keys parsed", () => {
    const env = parseEnv(valid);
    expect(env.SESSION_HOST_PORT).toBe(8790);
    expect(env.SESSION_HOST_HOSTNAME).toBe("127.0.0.1");
    expect(env.SESSION_ENCRYPTION_KEYS.get("k1")?.length).toBe(32);
  });

  test("every problem is listed at once", () => {
    const run = () =>
      parseEnv({ ...valid, SESSION_HOST_SECRET: "short", SESSION_ENCRYPTION_KEY_ID: "k9", DATABASE_URL: undefined });
    expect(run).toThrow(/SESSION_HOST_SECRET/);
    expect(run).toThrow(/DATABASE_URL/);
  });

  test.each([
    ["a key of the wrong length", { SESSION_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString("base64")}` }],
    ["an active key id that is not in the ring", { SESSION_ENCRYPTION_KEY_ID: "k2" }],
    ["pacing defaults that are not JSON", { SESSION_PACING_DEFAULTS: "{nope" }],
    ["a port out of range", { SESSION_HOST_PORT: "70000" }],
  ])("refuses %s", (_, change) => {
    expect(() => parseEnv({ ...valid, ...change })).toThrow(/invalid configuration/);
  });
});
