// CSV import figures: a generated 100,000-row file streamed to POST /api/imports (rows/s end to end, and the
// peak memory of the workerd process, sampled from /proc, against its idle baseline), and the real 2025
// Fortune 500 file read in place from ../shared/datasets (skipped with a message where it is absent),
// imported twice to show the lead count does not change. `bun run bench:imports [--rows N]`
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { startBenchApp } from "./lib/bench-app.ts";

const ROWS = Number(process.argv[process.argv.indexOf("--rows") + 1]) || 100_000;
const FORTUNE = new URL("../../shared/datasets/fortune500-2025.csv", import.meta.url).pathname;
const FIRST = ["Anna", "Ben", "Chloe", "David", "Eva", "Felix", "Grace", "Hugo", "Ines", "Jonas"];
const LAST = ["Becker", "Silva", "Martin", "Nguyen", "Novak", "Meyer", "Rossi", "Smith", "Kowalski", "Haddad"];

function generated(rows: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i === 0)
        controller.enqueue(
          encoder.encode("First Name,Last Name,Title,Company,Website,Email,City,Country,Employees,Revenue\n"),
        );
      const lines: string[] = [];
      for (let n = 0; n < 2_000 && i < rows; n++, i++) {
        lines.push(
          `${FIRST[i % 10]},${LAST[((i / 10) % 10) | 0]}${i},Head of Marketing,"Company ${i % 5000}, Inc.",company${i % 5000}.example,person${i}@company${i % 5000}.example,Berlin,Germany,"${(i % 900) + 10}","$${(i % 90) + 1},000,000"`,
        );
      }
      if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
      if (i >= rows) controller.close();
    },
  });
}

/** Resident memory of every workerd process, in MB. */
function workerdRssMb(): number {
  let kb = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("workerd")) continue;
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {}
  }
  return kb / 1024;
}

const app = await startBenchApp();
try {
  const session = await app.signUp("imports@bench.test");
  const headers = { authorization: `Bearer ${session.access_token}` };
  const importFile = async (body: BodyInit, query = "") => {
    const t0 = performance.now();
    const res = await fetch(`${app.base}/api/imports${query}`, {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv" },
      body,
      duplex: "half",
    } as RequestInit);
    const created = (await res.json()) as { import: { id: string } };
    if (res.status !== 202) throw new Error(`upload failed: ${res.status} ${JSON.stringify(created)}`);
    const uploaded = performance.now() - t0;
    let peak = 0;
    if (process.env.BENCH_DEBUG) console.log("uploaded", created.import.id, (uploaded / 1000).toFixed(1), "s");
    for (;;) {
      peak = Math.max(peak, workerdRssMb());
      const state = (await (await fetch(`${app.base}/api/imports/${created.import.id}`, { headers })).json()) as {
        import: {
          status: string;
          totalRows: number;
          imported: number;
          merged: number;
          failed: number;
          errors: { row: number; message: string }[];
        };
      };
      if (state.import.status === "completed" || state.import.status === "failed")
        return {
          ...state.import,
          seconds: (performance.now() - t0) / 1000,
          uploadSeconds: uploaded / 1000,
          peakMb: peak,
        };
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const countLeads = async () => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const page = (await (
        await fetch(`${app.base}/api/leads?limit=200${cursor ? `&cursor=${cursor}` : ""}`, { headers })
      ).json()) as { leads: unknown[]; nextCursor: string | null };
      n += page.leads.length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  };

  if (existsSync(FORTUNE)) {
    const file = readFileSync(FORTUNE);
    const first = await importFile(file, "?listName=Fortune%20500");
    const before = await countLeads();
    const again = await importFile(file, "?listName=Fortune%20500");
    const after = await countLeads();
    console.log(
      `Fortune 500 (${file.length} bytes): ${first.totalRows} rows in ${first.seconds.toFixed(2)} s — imported ${first.imported}, merged ${first.merged}, failed ${first.failed} (rows ${first.errors.map((e) => e.row).join(", ")})`,
    );
    console.log(
      `  again: imported ${again.imported}, merged ${again.merged}, failed ${again.failed}; leads before ${before}, after ${after}${before === after ? " (unchanged)" : " (CHANGED)"}`,
    );
  } else {
    console.log(`Fortune 500: skipped — ${FORTUNE} is not on this machine`);
  }

  const idle = workerdRssMb();
  const big = await importFile(generated(ROWS), "?listName=Generated");
  console.log(
    `generated ${ROWS.toLocaleString("en")} rows: ${big.seconds.toFixed(1)} s end to end (upload ${big.uploadSeconds.toFixed(1)} s) = ${Math.round(ROWS / big.seconds).toLocaleString("en")} rows/s (target ≥ 2,000); imported ${big.imported}, merged ${big.merged}, failed ${big.failed}`,
  );
  console.log(
    `workerd memory: idle ${idle.toFixed(0)} MB, peak during import ${big.peakMb.toFixed(0)} MB (+${(big.peakMb - idle).toFixed(0)} MB for a ${((ROWS * 140) / 1024 / 1024).toFixed(0)} MB file)`,
  );
} finally {
  await app.stop();
}
