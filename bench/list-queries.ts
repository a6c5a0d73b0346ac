// Lead requests over a real imported list: the 2025 Fortune 500 file (../shared/datasets, skipped with a
// message where absent) is imported through POST /api/imports, then each query below runs through
// POST /api/lead-requests with only the workspace's lists as source. Each query names its matching rows by a
// predicate over the file's own columns (written before the parser or ranking changed); the figure is
// R-precision — of the first R leads (R = rows that match), how many match — and its mean over the queries.
// `bun run bench:list-queries [--in-process] [--verbose]` (--in-process skips the server and the database:
// the same import normaliser and ranking, for quick iteration; the HTTP figure is the one that counts).
import { existsSync, readFileSync } from "node:fs";
import Papa from "papaparse";

const FORTUNE = new URL("../../shared/datasets/fortune500-2025.csv", import.meta.url).pathname;

interface Row {
  company: string;
  industry: string;
  city: string;
  state: string;
  employees: number;
  revenue: number;
}

const num = (s: string) => Number(s.replace(/[$,\s]/g, "")) || 0;
const is = (label: string) => (r: Row) => r.industry === label;

interface ListQuery {
  description: string;
  matches: (r: Row) => boolean;
}

/** Written before the parser or ranking changed (issue 14). */
export const LIST_QUERIES: ListQuery[] = [
  { description: "trucking companies", matches: (r) => r.industry === "Trucking, Truck Leasing" },
  { description: "hotel and casino groups", matches: is("Hotels, Casinos, Resorts") },
  { description: "CEOs of airlines", matches: is("Airlines") },
  { description: "railroad companies", matches: is("Railroads") },
  { description: "oil refiners in Texas", matches: (r) => r.industry === "Petroleum Refining" && r.state === "Texas" },
  {
    description: "banks headquartered in North Carolina",
    matches: (r) => r.industry === "Commercial Banks" && r.state === "North Carolina",
  },
  { description: "companies in Minneapolis", matches: (r) => r.city === "Minneapolis" },
  {
    description: "Minnesota companies with more than 50,000 employees",
    matches: (r) => r.state === "Minnesota" && r.employees > 50_000,
  },
  {
    description: "drug makers with revenue over $50 billion",
    matches: (r) => r.industry === "Pharmaceuticals" && r.revenue > 50e9,
  },
  {
    description: "chip makers in California",
    matches: (r) => r.industry === "Semiconductors and Other Electronic Components" && r.state === "California",
  },
  { description: "health insurers", matches: is("Health Care: Insurance and Managed Care") },
  {
    description: "utilities in Ohio",
    matches: (r) => r.industry === "Utilities: Gas and Electric" && r.state === "Ohio",
  },
  {
    description: "software companies in Washington state",
    matches: (r) => r.industry === "Computer Software" && r.state === "Washington",
  },
  { description: "pipeline companies in Houston", matches: (r) => r.industry === "Pipelines" && r.city === "Houston" },
  {
    description: "companies in New York City with revenue between $20 billion and $30 billion",
    matches: (r) => r.city === "New York" && r.revenue >= 20e9 && r.revenue <= 30e9,
  },
  { description: "homebuilders", matches: is("Homebuilders") },
  { description: "beverage companies", matches: is("Beverages") },
  { description: "apparel retailers", matches: is("Specialty Retailers: Apparel") },
  { description: "tobacco companies", matches: is("Tobacco") },
  {
    description: "Georgia companies with fewer than 20,000 employees",
    matches: (r) => r.state === "Georgia" && r.employees < 20_000,
  },
];

/** Written after the first round of changes, as held-out probes of the same kind; kept as a second group. */
export const LATER_QUERIES: ListQuery[] = [
  {
    description: "insurance companies in Connecticut",
    matches: (r) => r.industry.startsWith("Insurance") && r.state === "Connecticut",
  },
  {
    description: "aerospace and defense firms in Virginia",
    matches: (r) => r.industry === "Aerospace & Defense" && r.state === "Virginia",
  },
  {
    description: "semiconductor companies with more than 50,000 employees",
    matches: (r) => r.industry.startsWith("Semiconductors") && r.employees > 50_000,
  },
  {
    description: "automakers in Michigan",
    matches: (r) => r.industry === "Motor Vehicles & Parts" && r.state === "Michigan",
  },
  { description: "medical device makers", matches: is("Medical Products and Equipment") },
  {
    description: "entertainment companies in California",
    matches: (r) => r.industry === "Entertainment" && r.state === "California",
  },
  { description: "waste management companies", matches: is("Waste Management") },
  { description: "IT services firms", matches: is("Information Technology Services") },
  { description: "chemical companies in Texas", matches: (r) => r.industry === "Chemicals" && r.state === "Texas" },
  { description: "companies with revenue over $200 billion", matches: (r) => r.revenue > 200e9 },
  { description: "restaurant chains", matches: is("Food Services") },
  { description: "grocery chains", matches: is("Food & Drug Stores") },
  { description: "railways", matches: is("Railroads") },
  { description: "life insurers", matches: (r) => r.industry.startsWith("Insurance: Life") },
  { description: "car dealership groups", matches: is("Automotive Retailing, Services") },
  {
    description: "companies in Houston with under 5,000 employees",
    matches: (r) => r.city === "Houston" && r.employees < 5_000,
  },
];

/** Rows as the file has them; rows with a stray unquoted comma (11+ fields) are not judged either way. */
function readRows(csv: string): { rows: Row[]; malformed: Set<string> } {
  const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: "greedy" });
  const rows: Row[] = [];
  const malformed = new Set<string>();
  for (const f of parsed.data.slice(1)) {
    if (f.length !== 10) {
      malformed.add(f[1]!.trim());
      continue;
    }
    rows.push({
      company: f[1]!.trim(),
      industry: f[2]!.trim(),
      city: f[3]!.trim(),
      state: f[4]!.trim(),
      employees: num(f[7]!),
      revenue: num(f[8]!),
    });
  }
  return { rows, malformed };
}

export function rPrecision(ranked: string[], relevant: Set<string>, ignored: Set<string>): number {
  const judged = ranked.filter((c) => !ignored.has(c));
  const r = Math.min(relevant.size, 30);
  return judged.slice(0, r).filter((c) => relevant.has(c)).length / r;
}

type Runner = (description: string) => Promise<string[]>;

async function inProcessRunner(csv: string): Promise<Runner> {
  const { proposeMapping, impliedTitle } = await import("../workers/imports/import-mapping");
  const { normalizeRow } = await import("../workers/imports/import-row");
  const { parseIcpRules } = await import("../workers/lead-engine/icp-parser.service");
  const { rankCandidates } = await import("../workers/lead-engine/ranking");
  const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: "greedy" });
  const headers = parsed.data[0]!;
  const mapping = proposeMapping(headers);
  const title = impliedTitle(mapping);
  const candidates = parsed.data.slice(1).flatMap((fields, i) => {
    const row = normalizeRow(Object.fromEntries(headers.map((h, k) => [h, fields[k] ?? ""])), mapping, title);
    if (!row.ok) return [];
    const l = row.lead;
    return [
      {
        source: "lists" as const,
        sourceId: String(i).padStart(4, "0"),
        fetchedAt: new Date(0).toISOString(),
        fullName: l.fullName,
        firstName: l.fullName.split(" ")[0] ?? null,
        jobTitle: l.jobTitle ?? null,
        seniority: (l.seniority as never) ?? null,
        email: null,
        phone: null,
        linkedinUrl: null,
        companyName: l.companyName ?? null,
        companyDomain: l.companyDomain ?? null,
        industry: l.industry ?? null,
        industryLabel: l.industryLabel ?? null,
        companySize: l.companySize ?? null,
        annualRevenue: l.annualRevenue ?? null,
        city: l.location?.city ?? null,
        region: l.location?.region ?? null,
        country: l.location?.country ?? null,
        timezone: null,
        channels: [],
        signals: [],
        provenance: {},
        enriched: true,
      },
    ];
  });
  const industryLabels = [...new Set(candidates.flatMap((c) => (c.industryLabel ? [c.industryLabel] : [])))];
  return async (description) =>
    rankCandidates(parseIcpRules(description, {}, { industryLabels }), candidates as never)
      .slice(0, 30)
      .map((r) => r.candidate.companyName ?? "");
}

async function httpRunner(csv: string): Promise<{ run: Runner; stop: () => Promise<void> }> {
  const { startBenchApp } = await import("./lib/bench-app.ts");
  const app = await startBenchApp();
  const session = await app.signUp("lists@bench.test");
  const headers = { authorization: `Bearer ${session.access_token}` };
  const res = await fetch(`${app.base}/api/imports?listName=Fortune%20500`, {
    method: "POST",
    headers: { ...headers, "content-type": "text/csv" },
    body: csv,
  });
  const created = (await res.json()) as { import: { id: string } };
  if (res.status !== 202) throw new Error(`import failed: ${res.status} ${JSON.stringify(created)}`);
  for (;;) {
    const state = (await (await fetch(`${app.base}/api/imports/${created.import.id}`, { headers })).json()) as {
      import: { status: string; imported: number; failed: number };
    };
    if (state.import.status === "completed" || state.import.status === "failed") {
      console.log(`imported ${state.import.imported} rows (${state.import.failed} failed)`);
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const run: Runner = async (description) => {
    const r = await fetch(`${app.base}/api/lead-requests`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ description, sources: ["lists"], limit: 30 }),
    });
    if (r.status !== 201) throw new Error(`${description}: ${r.status} ${await r.text()}`);
    const body = (await r.json()) as { leads: { companyName: string | null; score: number }[] };
    return body.leads.map((l) => l.companyName ?? "");
  };
  return { run, stop: app.stop };
}

if (import.meta.main) {
  if (!existsSync(FORTUNE)) {
    console.log(`list queries: skipped — ${FORTUNE} is not on this machine`);
    process.exit(0);
  }
  const csv = readFileSync(FORTUNE, "utf8");
  const { rows, malformed } = readRows(csv);
  const inProcess = process.argv.includes("--in-process");
  const http = inProcess ? null : await httpRunner(csv);
  const run = inProcess ? await inProcessRunner(csv) : http!.run;
  try {
    const figures: number[] = [];
    const groups: [string, ListQuery[]][] = [
      ["written before the change", LIST_QUERIES],
      ["written after (held-out probes)", LATER_QUERIES],
    ];
    for (const [group, queries] of groups) {
      const start = figures.length;
      console.log(`— ${group}`);
      for (const q of queries) {
        const relevant = new Set(rows.filter(q.matches).map((r) => r.company));
        const ranked = await run(q.description);
        const rp = rPrecision(ranked, relevant, malformed);
        figures.push(rp);
        console.log(`${rp.toFixed(2)}  R=${String(relevant.size).padStart(2)}  ${q.description}`);
        if (process.argv.includes("--verbose") && rp < 1)
          console.log(`      got: ${ranked.slice(0, Math.max(relevant.size, 5)).join(" | ")}`);
      }
      const part = figures.slice(start);
      console.log(`  mean R-precision ${(part.reduce((a, b) => a + b, 0) / part.length).toFixed(3)} (${group})`);
    }
    const mean = figures.reduce((a, b) => a + b, 0) / figures.length;
    console.log(
      `list queries (${inProcess ? "in process" : "HTTP lead requests"}): mean R-precision ${mean.toFixed(3)} over ${figures.length} queries (target ≥ 0.90)`,
    );
  } finally {
    await http?.stop();
  }
}
