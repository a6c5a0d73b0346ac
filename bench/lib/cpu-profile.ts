// Opt-in CPU profile of the Worker under a benchmark (BENCH_CPU_PROFILE=<file.cpuprofile>): `wrangler dev`
// exposes workerd's V8 inspector, and a phase is wrapped in Profiler.start/stop over the DevTools protocol.
// The file opens in Chrome DevTools (Performance → Load profile); `summarize` prints the hottest functions
// by self time, which is what decides where a per-message cost goes.
import { writeFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The `wrangler dev` arguments that open the inspector on `port`. */
export const inspectorArgs = (port: number) => ["--inspector-port", String(port)];

async function connect(port: number): Promise<(method: string, params?: object) => Promise<unknown>> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.onmessage = (event) => {
    const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  };
  return (method, params = {}) =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
}

/** Runs `phase` under the profiler and writes the profile to `file`; without a file, just runs it. */
export async function profiled<T>(
  file: string | undefined,
  port: number,
  label: string,
  phase: () => Promise<T>,
): Promise<T> {
  if (!file) return phase();
  file = file.replace(/(\.cpuprofile)?$/, `-${label}.cpuprofile`);
  const call = await connect(port);
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: 200 });
  await call("Profiler.start");
  const result = await phase();
  const { profile } = (await call("Profiler.stop")) as { profile: Profile };
  await writeFile(file, JSON.stringify(profile));
  console.log(`  CPU profile written to ${file}; hottest functions by self time:`);
  for (const line of summarize(profile, 25)) console.log(`    ${line}`);
  return result;
}

/** The `top` functions by self time, as "12.3 %  name  file:line". */
export function summarize(profile: Profile, top: number): string[] {
  const interval = new Map<number, number>();
  const samples = profile.samples ?? [];
  for (const [i, id] of samples.entries()) interval.set(id, (interval.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0));
  const byFrame = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const t = interval.get(node.id) ?? 0;
    total += t;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"}  ${url.replace(/^.*\/(node_modules\/\.bun\/)?/, "")}:${lineNumber + 1}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + t);
  }
  return [...byFrame]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, t]) => `${((t / Math.max(1, total)) * 100).toFixed(1).padStart(5)} %  ${key}`);
}
