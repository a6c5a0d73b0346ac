// A session-host as a real separate process (`bun src/main.ts`), for crash and fleet tests: kill -9 is a crash.
import type { Subprocess } from "bun";
import { TEST_SECRET } from "./host";

const KEY = Buffer.alloc(32, 5).toString("base64");

export interface HostProcess {
  url: string;
  hostId: string;
  proc: Subprocess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = server.port!;
  await server.stop(true);
  return port;
}

export async function spawnHost(opts: {
  databaseUrl: string;
  workerUrl: string;
  hostId: string;
  leaseTtlMs?: number;
  env?: Record<string, string>;
}): Promise<HostProcess> {
  const port = await freePort();
  const proc = Bun.spawn([process.execPath, "src/main.ts"], {
    cwd: new URL("../..", import.meta.url).pathname,
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL: opts.databaseUrl,
      SESSION_HOST_PORT: String(port),
      SESSION_HOST_SECRET: TEST_SECRET,
      SESSION_HOST_WORKER_URL: opts.workerUrl,
      SESSION_ENCRYPTION_KEYS: `test:${KEY}`,
      SESSION_ENCRYPTION_KEY_ID: "test",
      SESSION_HOST_ID: opts.hostId,
      SESSION_LEASE_TTL_MS: String(opts.leaseTtlMs ?? 3000),
      WA_WEBSOCKET_URL: "ws://127.0.0.1:9/ws/chat",
      // Nothing listens on port 9: no LinkedIn session of a test reaches the internet.
      LINKEDIN_API_URL: "http://127.0.0.1:9",
      LOG_LEVEL: "error",
      ...opts.env,
    },
    stdout: "inherit",
    stderr: "inherit",
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`host ${opts.hostId} did not start`);
    await Bun.sleep(50);
  }
  return {
    url,
    hostId: opts.hostId,
    proc,
    async kill(signal = "SIGKILL") {
      proc.kill(signal);
      await proc.exited;
    },
  };
}

export async function runningOn(host: HostProcess): Promise<number> {
  const res = await fetch(`${host.url}/health`).catch(() => undefined);
  return res?.ok ? ((await res.json()) as { running: number }).running : 0;
}
