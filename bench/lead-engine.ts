// Lead engine figures: rules ranking of 10,000 candidates, and a whole request (ICP parse → sample source →
// merge → rank → contact strategy) in process, without the database. `bun run bench:lead-engine`
import type { Candidate } from "../workers/lead-engine/candidate";
import { parseIcpRules } from "../workers/lead-engine/icp-parser.service";
import { mergeAndRank, rankCandidates, toLeadView } from "../workers/lead-engine/ranking";
import { sampleCandidates } from "../workers/sources/sample/sample.source";

const DESCRIPTION =
  "Heads of marketing at 50–500 person SaaS companies in Germany who need paid ads, reachable on LinkedIn";
import { readLeadStream } from "../test/support/event-stream.ts";
import { percentile } from "./lib/bench-app.ts";

// 10,000 distinct candidates: the sample contacts, repeated with fresh ids and varied sizes.
const base = sampleCandidates();
const tenThousand: Candidate[] = Array.from({ length: 10_000 }, (_, i) => {
  const c = base[i % base.length]!;
  return { ...c, sourceId: `${c.sourceId}-${i}`, companySize: c.companySize ? c.companySize + (i % 97) : null };
});
// A broad profile, so most candidates pass the hard filters and all are scored in full.
const broad = parseIcpRules(
  "Heads of marketing and founders at SaaS and e-commerce companies who need paid ads and SEO, reachable on LinkedIn",
);
const icp = parseIcpRules(DESCRIPTION);

for (let i = 0; i < 5; i++) rankCandidates(broad, tenThousand); // warm-up (title cache, JIT)
const rankTimes = Array.from({ length: 30 }, () => {
  const t = performance.now();
  rankCandidates(broad, tenThousand);
  return performance.now() - t;
});
const ranked = rankCandidates(broad, tenThousand).length;
console.log(
  `rank 10,000 candidates (rules): p50 ${percentile(rankTimes, 50).toFixed(1)} ms, p95 ${percentile(rankTimes, 95).toFixed(1)} ms (${ranked} passed hard filters; target ≤ 100 ms)`,
);

const requestTimes = Array.from({ length: 50 }, () => {
  const t = performance.now();
  const profile = parseIcpRules(DESCRIPTION);
  const top = mergeAndRank(profile, sampleCandidates()).slice(0, 25);
  top.map((r) => toLeadView(profile, r));
  return performance.now() - t;
});
console.log(
  `in-process request (parse → sample → merge → rank → strategy, no DB): p50 ${percentile(requestTimes, 50).toFixed(1)} ms, p95 ${percentile(requestTimes, 95).toFixed(1)} ms`,
);
console.log(
  `profile used: ${JSON.stringify({ roles: icp.roles, industries: icp.industries, countries: icp.locations.flatMap((l) => l.countries), size: icp.companySize })}`,
);

// End to end over HTTP: the production build under `wrangler dev`, real Postgres (or embedded), no keys.
if (!process.argv.includes("--no-http")) await httpBench();

async function httpBench() {
  const { startBenchApp } = await import("./lib/bench-app.ts");
  const { base, signUp, stop } = await startBenchApp();
  try {
    const session = await signUp("gen@bench.test");
    const headers = { authorization: `Bearer ${session.access_token}`, "content-type": "application/json" };
    const body = JSON.stringify({ description: DESCRIPTION });
    const json: number[] = [];
    const firstLead: number[] = [];
    const sseDone: number[] = [];
    for (let i = 0; i < 23; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/lead-requests`, { method: "POST", headers, body });
      const out = (await res.json()) as { leads: unknown[] };
      if (res.status !== 201 || out.leads.length < 20) throw new Error(`request failed: ${res.status}`);
      if (i >= 3) json.push(performance.now() - t0);
      const t1 = performance.now();
      const stream = await fetch(`${base}/api/lead-requests`, {
        method: "POST",
        headers: { ...headers, accept: "text/event-stream" },
        body,
      });
      const { events, firstLeadAt } = await readLeadStream(stream.body!);
      if (!firstLeadAt || events.at(-1)?.event !== "done") throw new Error("stream ended without a lead or done");
      if (i >= 3) {
        firstLead.push(firstLeadAt - t1);
        sseDone.push(performance.now() - t1);
      }
    }
    const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(0)} ms, p95 ${percentile(xs, 95).toFixed(0)} ms`;
    console.log(
      `POST /api/lead-requests (JSON, sample source, no LLM): ${fmt(json)} (n=${json.length}; target p50 ≤ 500 ms)`,
    );
    console.log(`same as SSE: first lead event ${fmt(firstLead)} (target ≤ 250 ms), done ${fmt(sseDone)}`);
  } finally {
    await stop();
  }
}
