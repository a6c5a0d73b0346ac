// bench/startup — seconds from `bun run dev` (embedded defaults) to the first 200 on /api/health,
// with a fresh embedded data folder (first start: initdb + migrations) and again with it warm.
// `bun bench/startup.ts --with-tests` also times the whole `bun run test`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, run, startProcess, waitForHttp } from "../scripts/lib/processes.ts";

async function timeStart(dataDir: string, mode: "dev" | "preview"): Promise<number> {
  const [port, pgPort] = [await freePort(), await freePort()];
  const args = mode === "preview" ? ["scripts/dev.ts", "--preview"] : ["scripts/dev.ts"];
  const t0 = performance.now();
  const app = startProcess("bun", args, {
    env: {
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_PG_DATA_DIR: dataDir,
      DATABASE_URL: undefined,
    },
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/health`, 120_000, app);
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (res.status !== 200) throw new Error(`health answered ${res.status}`);
    return (performance.now() - t0) / 1000;
  } finally {
    await app.stop();
  }
}

const dataDir = await mkdtemp(join(tmpdir(), "rarity-bench-"));
try {
  const cold = await timeStart(dataDir, "dev");
  const warm = await timeStart(dataDir, "dev");
  const preview = await timeStart(dataDir, "preview");
  console.log(`startup (bun run dev, fresh embedded data): ${cold.toFixed(1)} s to first 200 on /api/health`);
  console.log(`startup (bun run dev, existing data):       ${warm.toFixed(1)} s`);
  console.log(`startup (bun run start, build + wrangler):   ${preview.toFixed(1)} s`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

if (process.argv.includes("--with-tests")) {
  const t0 = performance.now();
  const code = await run("bun", ["scripts/test.ts"]);
  console.log(`test suite wall time: ${((performance.now() - t0) / 1000).toFixed(1)} s (exit ${code})`);
}
