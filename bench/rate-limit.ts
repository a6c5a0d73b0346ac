// bench/rate-limit — the two ways to rate-limit in workerd, measured side by side (decision 011):
// our RateLimiter Durable Object (token bucket, `take`) and Cloudflare's Rate Limiting binding
// (`[[ratelimits]]`, `env.X.limit({ key })`). Prints added latency per request (p50/p95 over a no-limit
// baseline), requests/s at 16 in flight, and correctness: how many of N calls over a limit L get through,
// sequentially and concurrently.
// Runs a small inline Worker under `wrangler dev` (workerd + miniflare, as the app runs locally); no database.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startProcess, waitForHttp } from "../scripts/lib/processes.ts";
import { percentile as pct } from "./lib/bench-app.ts";

const RUNS = 400;
const CONCURRENCY = 16;

const script = /* js */ `
import { DurableObject } from "cloudflare:workers";
export class Bucket extends DurableObject {
  take(capacity, refillPerSecond) {
    const now = Date.now();
    this.tokens = Math.min(capacity, (this.tokens ?? capacity) + ((now - (this.at ?? now)) / 1000) * refillPerSecond);
    this.at = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    return { allowed };
  }
}
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const key = url.searchParams.get("key") ?? "k";
    const limit = Number(url.searchParams.get("limit") ?? 1e9);
    if (url.pathname === "/none") return Response.json({ allowed: true });
    if (url.pathname === "/do") return Response.json(await env.BUCKET.getByName(key).take(limit, limit / 60));
    if (url.pathname === "/binding") {
      const binding = limit < 1e9 ? env.LOW : env.HIGH;
      return Response.json({ allowed: (await binding.limit({ key })).success });
    }
    return new Response("no", { status: 404 });
  },
};`;

const dir = await mkdtemp(join(tmpdir(), "bench-rate-limit-"));
await writeFile(join(dir, "worker.js"), script);
await writeFile(
  join(dir, "wrangler.toml"),
  `name = "bench-rate-limit"
main = "worker.js"
compatibility_date = "2026-10-01"
[[durable_objects.bindings]]
name = "BUCKET"
class_name = "Bucket"
[[migrations]]
tag = "v1"
new_sqlite_classes = ["Bucket"]
[[ratelimits]]
name = "HIGH"
namespace_id = "1001"
simple = { limit = 1000000000, period = 60 }
[[ratelimits]]
name = "LOW"
namespace_id = "1002"
simple = { limit = 50, period = 60 }
`,
);
const port = await freePort();
const server = startProcess("wrangler", [
  "dev",
  "--config",
  join(dir, "wrangler.toml"),
  "--port",
  String(port),
  "--ip",
  "127.0.0.1",
]);
const base = `http://127.0.0.1:${port}`;
await waitForHttp(`${base}/none`, 60_000, server);

async function hit(path: string): Promise<boolean> {
  const res = await fetch(`${base}${path}`);
  return ((await res.json()) as { allowed: boolean }).allowed;
}

async function latency(path: (i: number) => string): Promise<number[]> {
  for (let i = 0; i < 30; i++) await hit(path(i)); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await hit(path(i));
    times.push(performance.now() - t0);
  }
  return times;
}

async function throughput(path: (i: number) => string): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RUNS * 2) await hit(path(next++));
    }),
  );
  return (RUNS * 2) / ((performance.now() - t0) / 1000);
}

async function allowedOf(calls: (() => Promise<boolean>)[], parallel: boolean): Promise<number> {
  const results = parallel
    ? await Promise.all(calls.map((f) => f()))
    : await calls.reduce(async (acc, f) => [...(await acc), await f()], Promise.resolve([] as boolean[]));
  return results.filter(Boolean).length;
}

try {
  // Per-key latency: a new key per request (the per-IP limiter's normal case) and one hot key.
  const base = await latency(() => "/none");
  const rows: [string, number[], number][] = [["no limiter (baseline)", base, await throughput(() => "/none")]];
  for (const [label, path] of [
    ["RateLimiter DO, one key", () => "/do?key=hot"],
    ["RateLimiter DO, new key each", (i: number) => `/do?key=ip-${i}-${Math.random()}`],
    ["Rate Limiting binding, one key", () => "/binding?key=hot"],
    ["Rate Limiting binding, new key each", (i: number) => `/binding?key=ip-${i}-${Math.random()}`],
  ] as const) {
    rows.push([label, await latency(path), await throughput(path)]);
  }
  const p50base = pct(base, 50);
  const p95base = pct(base, 95);
  console.log(
    `rate limiters in miniflare (wrangler 4.164 runtime), ${RUNS} sequential calls each, ${CONCURRENCY} in flight for req/s`,
  );
  for (const [label, times, rps] of rows) {
    console.log(
      `  ${label.padEnd(38)} p50 ${pct(times, 50).toFixed(2)} ms (+${(pct(times, 50) - p50base).toFixed(2)}), p95 ${pct(times, 95).toFixed(2)} ms (+${(pct(times, 95) - p95base).toFixed(2)}), ${rps.toFixed(0)} req/s`,
    );
  }

  const N = 100;
  const LIMIT = 50;
  const doCall = (key: string) => () => hit(`/do?key=${key}&limit=${LIMIT}`);
  const bindingCall = (key: string) => () => hit(`/binding?key=${key}&limit=${LIMIT}`);
  const run = Date.now();
  console.log(`correctness: ${N} calls against a limit of ${LIMIT}/min → calls let through (exact = ${LIMIT})`);
  for (const [label, call] of [
    ["RateLimiter DO", doCall],
    ["Rate Limiting binding", bindingCall],
  ] as const) {
    const seq = await allowedOf(
      Array.from({ length: N }, () => call(`seq-${run}`)),
      false,
    );
    const par = await allowedOf(
      Array.from({ length: N }, () => call(`par-${run}`)),
      true,
    );
    console.log(`  ${label.padEnd(24)} sequential ${seq}, concurrent ${par}`);
  }
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
