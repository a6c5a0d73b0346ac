// Real hosts for tests, in-process, against the test database; `signed` calls them as the Worker does.
import { parseEnv } from "../../src/config/env";
import { type RunningHost, startHost } from "../../src/host";

export type { RunningHost };
import { createLogger } from "../../src/ops/logger";
import { signRequest } from "../../src/protocol/signature";

export const TEST_SECRET = "test-secret-".padEnd(40, "x");
const KEY = Buffer.alloc(32, 5).toString("base64");

export interface TestHostOptions {
  databaseUrl: string;
  workerUrl: string;
  hostId?: string;
  waWebSocketUrl?: string;
  certRootPublicKey?: Uint8Array;
  leaseTtlMs?: number;
  pacing?: Record<string, unknown>;
  linkedinApiUrl?: string;
}

import { FAST_PACING, FAST_SETTINGS } from "./fast-pacing";

export { FAST_PACING, FAST_SETTINGS };

export async function startTestHost(opts: TestHostOptions): Promise<RunningHost> {
  const env = parseEnv({
    DATABASE_URL: opts.databaseUrl,
    SESSION_HOST_PORT: "0",
    SESSION_HOST_SECRET: TEST_SECRET,
    SESSION_HOST_WORKER_URL: opts.workerUrl,
    SESSION_ENCRYPTION_KEYS: `test:${KEY}`,
    SESSION_ENCRYPTION_KEY_ID: "test",
    SESSION_HOST_ID: opts.hostId ?? `test-${crypto.randomUUID()}`,
    SESSION_LEASE_TTL_MS: String(opts.leaseTtlMs ?? 3000),
    SESSION_PACING_DEFAULTS: JSON.stringify(opts.pacing ?? FAST_PACING),
    // Nothing listens on port 9: without a stand-in, sockets fail fast instead of reaching for the internet.
    WA_WEBSOCKET_URL: opts.waWebSocketUrl ?? "ws://127.0.0.1:9/ws/chat",
    LINKEDIN_API_URL: opts.linkedinApiUrl ?? "http://127.0.0.1:9",
    LINKEDIN_POLL_MS: "200",
    ...(opts.certRootPublicKey
      ? { WA_CERT_ROOT_PUBLIC_KEY: Buffer.from(opts.certRootPublicKey).toString("base64") }
      : {}),
  });
  return startHost(env, createLogger("error"));
}

export async function signed(
  host: { url: string },
  method: string,
  path: string,
  body?: unknown,
  secret = TEST_SECRET,
): Promise<Response> {
  const raw = body === undefined ? "" : JSON.stringify(body);
  const headers = await signRequest(secret, { method, path, body: raw });
  return fetch(`${host.url}${path}`, {
    method,
    headers: { ...headers, ...(raw ? { "content-type": "application/json" } : {}) },
    ...(raw ? { body: raw } : {}),
  });
}

/** A stand-in for the Worker's webhook endpoint that records what the host posts (and can refuse it). */
export function startEventSink() {
  const events: Record<string, unknown>[] = [];
  const requests: { headers: Headers; body: string }[] = [];
  let failing = 0;
  let failIf: { match: (body: string) => boolean; left: number } | undefined;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const body = await req.text();
      requests.push({ headers: req.headers, body });
      if (failing > 0) {
        failing--;
        return new Response("down", { status: 503 });
      }
      if (failIf && failIf.left > 0 && failIf.match(body)) {
        failIf.left--;
        return new Response("down", { status: 503 });
      }
      events.push(...(JSON.parse(body) as { events: Record<string, unknown>[] }).events);
      return Response.json({ accepted: 1 });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    events,
    requests,
    failNext(n: number) {
      failing = n;
    },
    /** Refuses the next `n` deliveries whose body matches (other tests' events pass untouched). */
    failMatching(n: number, match: (body: string) => boolean) {
      failIf = { match, left: n };
    },
    async waitFor(predicate: (e: Record<string, unknown>) => boolean, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const hit = events.find(predicate);
        if (hit) return hit;
        await Bun.sleep(20);
      }
      throw new Error("no matching event reached the Worker");
    },
    stop: () => server.stop(true),
  };
}
