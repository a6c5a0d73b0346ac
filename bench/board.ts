// bench/board — the CRM board at size: GET /board with 2,000 cards (target p50 ≤ 150 ms locally), and
// the delay from a move to another client seeing it over the board's WebSocket (target p50 ≤ 300 ms).
// Runs the production build under `wrangler dev` against a fresh database (local server, else embedded).
import { generateNKeysBetween } from "fractional-indexing";
import postgres from "postgres";
import { percentile as pct, startBenchApp } from "./lib/bench-app.ts";

const CARDS = 2000;
const RUNS = 30;
const STAGES = ["To Contact", "Contacted", "In Conversation", "Closed"];

const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;

const { base, port, databaseUrl, signUp, stop } = await startBenchApp();
try {
  const owner = await signUp("owner@bench.test");
  const auth = { authorization: `Bearer ${owner.access_token}`, "content-type": "application/json" };
  const me = (await (await fetch(`${base}/api/me`, { headers: auth })).json()) as { workspace: { id: string } };
  const pipeline = (
    (await (
      await fetch(`${base}/api/pipelines`, { method: "POST", headers: auth, body: JSON.stringify({ name: "Bench" }) })
    ).json()) as { pipeline: { id: string } }
  ).pipeline;

  // Seed 2,000 leads and cards directly (the API path is measured by the tests, not the bulk load).
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const ws = me.workspace.id;
  const ranks = generateNKeysBetween(null, null, CARDS);
  await sql.begin(async (tx) => {
    const leads =
      await tx`insert into leads ${tx(Array.from({ length: CARDS }, (_, i) => ({ workspace_id: ws, user_id: owner.user.id, full_name: `Bench Lead ${i}`, company_name: `Company ${i % 97}`, job_title: "CMO", tags: ["Needs Paid Ads"] })))} returning id`;
    await tx`insert into crm_pipelines ${tx(leads.map((l, i) => ({ workspace_id: ws, user_id: owner.user.id, pipeline_id: pipeline.id, lead_id: l.id, stage: STAGES[i % 4], rank: ranks[i] })))}`;
  });
  await sql.end();

  const boardTimes: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/pipelines/${pipeline.id}/board`, { headers: auth });
    const body = (await res.json()) as { stages: { cards: { id: string }[] }[] };
    if (i >= 3) boardTimes.push(performance.now() - t0); // first calls warm the isolate
    if (body.stages.reduce((n, s) => n + s.cards.length, 0) !== CARDS) throw new Error("board is missing cards");
  }
  console.log(`board API, ${CARDS} cards: ${fmt(boardTimes)}`);

  const board = (await (await fetch(`${base}/api/pipelines/${pipeline.id}/board`, { headers: auth })).json()) as {
    stages: { cards: { id: string }[] }[];
  };
  const cardIds = board.stages[0]!.cards.slice(0, RUNS).map((c) => c.id);
  const socket = new WebSocket(
    `ws://127.0.0.1:${port}/parties/live-room/${ws}.board-${pipeline.id}?access_token=${owner.access_token}`,
  );
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  const seen = new Map<string, number>();
  socket.onmessage = (e) => {
    const msg = JSON.parse(String(e.data));
    if (msg.type === "card.upserted") seen.set(msg.card.id, performance.now());
  };
  const moveTimes: number[] = [];
  for (const id of cardIds) {
    const t0 = performance.now();
    await fetch(`${base}/api/pipeline-cards/${id}`, {
      method: "PATCH",
      headers: auth,
      body: JSON.stringify({ stage: "Contacted" }),
    });
    while (!seen.has(id) && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 2));
    if (seen.has(id)) moveTimes.push(seen.get(id)! - t0);
  }
  socket.close();
  console.log(`move → other client sees it: ${fmt(moveTimes)}`);
} finally {
  await stop();
}
