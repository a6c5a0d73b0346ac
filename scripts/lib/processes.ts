import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

export const ROOT = new URL("../../", import.meta.url).pathname;
const BIN = join(ROOT, "node_modules/.bin");

/** Env for child tools: our pinned Node 22 and local binaries first, whatever shell we were started from. */
export function toolEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${BIN}:${process.env.PATH ?? ""}`, ...extra };
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete env[key]; // explicit unset
  return env;
}

export interface StartedProcess {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts a long-running tool in its own process group: wrangler and vite leave workerd children behind
 * when only the parent is killed, so stopping signals the whole group.
 */
export function startProcess(
  command: string,
  args: string[],
  opts: { env?: Record<string, string | undefined>; inherit?: boolean } = {},
): StartedProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: toolEnv(opts.env),
    detached: true,
    stdio: opts.inherit ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  let buffer = "";
  const keep = (chunk: Buffer) => {
    buffer = (buffer + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => buffer,
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      signalGroup(child.pid, "SIGTERM");
      const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!killed) signalGroup(child.pid, "SIGKILL");
      await exited;
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Polls a URL until it answers with any HTTP status below 500, or throws after the timeout. */
export async function waitForHttp(url: string, timeoutMs: number, proc?: StartedProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) {
      throw new Error(`process exited (${proc.child.exitCode}) before ${url} answered:\n${proc.output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${proc ? `:\n${proc.output()}` : ""}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a command to completion, streaming its output, and resolves with its exit code. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = ROOT,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: toolEnv(env), stdio: "inherit" });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
