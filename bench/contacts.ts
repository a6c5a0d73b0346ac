// The leads database at 100,000 leads (issue 19): GET /api/leads first page, filtered pages, another sort
// order and a deep keyset page, p50/p95 over the real API (workerd + Postgres with RLS), target p50 ≤ 150 ms;
// then the plans Postgres picks for the first and a filtered page, run as the signed-in user (RLS on).
// `bun run bench:contacts`
import postgres from "postgres";
import { percentile, startBenchApp } from "./lib/bench-app.ts";

const LEADS = 100_000;
const RUNS = 25;
const COUNTRIES = ["DE", "US", "GB", "FR", "ES", "BR", "IN", "NL", "SE", "PT"];
const INDUSTRIES = ["Software", "retail", "Logistics", "healthcare", "Finance", "manufacturing", "Media", "education"];

const app = await startBenchApp();
const sql = postgres(app.databaseUrl, { max: 2, onnotice: () => {} });
try {
  const owner = await app.signUp("owner@contacts-bench.test");
  const api = async (path: string) => {
    const res = await fetch(`${app.base}${path}`, { headers: { authorization: `Bearer ${owner.access_token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ leads: unknown[]; nextCursor: string | null }>;
  };
  const { workspace } = (await (
    await fetch(`${app.base}/api/me`, { headers: { authorization: `Bearer ${owner.access_token}` } })
  ).json()) as { workspace: { id: string } };

  const t0 = performance.now();
  const now = Date.now();
  for (let start = 0; start < LEADS; start += 2000) {
    const rows = Array.from({ length: Math.min(2000, LEADS - start) }, (_, j) => {
      const i = start + j;
      return {
        workspace_id: workspace.id,
        user_id: owner.user.id,
        full_name: `Person ${i.toString(36)} ${["Meyer", "Silva", "Smith", "Dubois", "Rossi"][i % 5]}`,
        company_name: i % 7 ? `Company ${i % 3001}` : null,
        job_title: ["CEO", "Head of Marketing", "CTO", "Sales Lead"][i % 4],
        email: `p${i}@c${i % 3001}.example`,
        country: COUNTRIES[i % COUNTRIES.length],
        industry: INDUSTRIES[i % INDUSTRIES.length],
        score: i % 5 ? (i * 37) % 101 : null,
        tags: i % 10 ? [] : ["Berlin Fair"],
        source: i % 3 ? "import" : "manual",
        sources: i % 3 ? ["import"] : ["manual"],
        created_at: new Date(now - i * 1000),
      };
    });
    await sql`insert into leads ${sql(rows)}`;
  }
  await sql`analyze leads`;
  console.log(`seeded ${LEADS.toLocaleString()} leads in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const deep = await api("/api/leads?limit=50");
  const cases: [string, string][] = [
    ["first page (newest)", "/api/leads?limit=50"],
    ["filtered: industry=SOFTWARE&country=de", "/api/leads?limit=50&industry=SOFTWARE&country=de"],
    ["filtered: minScore=80&source=Manual", "/api/leads?limit=50&minScore=80&source=Manual"],
    ["filtered: tag=berlin fair", "/api/leads?limit=50&tag=berlin%20fair"],
    ["search: q=silva", "/api/leads?limit=50&q=silva"],
    ["sorted: name asc", "/api/leads?limit=50&sort=name&dir=asc"],
    ["sorted: score desc", "/api/leads?limit=50&sort=score&dir=desc"],
    ["second page (cursor)", `/api/leads?limit=50&cursor=${deep.nextCursor}`],
    ["stage=Contacted (no lead on a board)", "/api/leads?limit=50&stage=Contacted"],
  ];
  const fmt = (xs: number[]) =>
    `p50 ${percentile(xs, 50).toFixed(0).padStart(4)} ms  p95 ${percentile(xs, 95).toFixed(0).padStart(4)} ms`;
  // Round-robin over the cases, so load from elsewhere on the machine falls on all of them alike.
  const times = cases.map(() => [] as number[]);
  for (let i = 0; i < RUNS + 3; i++)
    for (const [c, [label, path]] of cases.entries()) {
      const t = performance.now();
      const page = await api(path);
      if (i >= 3) times[c]!.push(performance.now() - t);
      if (i === 0 && page.leads.length === 0 && !label.startsWith("stage")) throw new Error(`${label}: no leads`);
    }
  for (const [c, [label]] of cases.entries())
    console.log(`${label.padEnd(42)} ${fmt(times[c]!)}   target p50 ≤ 150 ms`);

  // The plans, as the API runs them: role authenticated with the user's claims, so RLS is part of the plan.
  const claims = JSON.stringify({ sub: owner.user.id, role: "authenticated" });
  const plans: [string, postgres.PendingQuery<postgres.Row[]>, postgres.PendingQuery<postgres.Row[]>][] = [
    ["first page", sql``, sql`created_at desc, id desc`],
    ["industry + country", sql`and lower(industry) = 'software' and country = 'DE'`, sql`created_at desc, id desc`],
    ["score desc", sql``, sql`coalesce(score, -1) desc, id desc`],
  ];
  for (const [label, where, order] of plans) {
    const plan = await sql.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
      return tx`explain (analyze, costs off, timing off, summary on)
        select id from leads where workspace_id = ${workspace.id} ${where} order by ${order} limit 51`;
    });
    console.log(`plan, ${label}:`);
    for (const row of plan) {
      const line = row["QUERY PLAN"] as string;
      if (/Scan|Limit|Sort|Execution/.test(line)) console.log(`   ${line.trim()}`);
    }
  }
} finally {
  await sql.end();
  await app.stop();
}
