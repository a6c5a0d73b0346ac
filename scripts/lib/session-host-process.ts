// The session-host (decision 017) as its own Bun process, as in production: `bun run dev` runs one next to the
// app, and `bun run test providers` one for the Worker↔host tests. Waits for its /health before returning.
import { freePort, startProcess, waitForHttp } from "./processes.ts";
import type { StartedProcess } from "./processes.ts";

export interface SessionHostOptions {
  databaseUrl: string;
  secret: string;
  /** The app's origin: the host posts its events to `<workerUrl>/api/hooks/session-host`. */
  workerUrl: string;
  encryptionKeys: string;
  encryptionKeyId: string;
  /** Where to listen; port 0 or absent picks a free one. */
  hostname?: string;
  port?: number;
  /** Anything else the host reads (WA_WEBSOCKET_URL, SESSION_PACING_DEFAULTS, LOG_LEVEL …). */
  env?: Record<string, string>;
  inherit?: boolean;
}

export interface RunningSessionHost {
  url: string;
  process: StartedProcess;
  /** Resolves once /health answers; rejects (after stopping it) if it does not within 30 s or exits. */
  ready: Promise<void>;
}

export async function startSessionHostProcess(opts: SessionHostOptions): Promise<RunningSessionHost> {
  const hostname = opts.hostname ?? "127.0.0.1";
  const port = opts.port || (await freePort());
  const host = startProcess("bun", ["session-host/src/main.ts"], {
    env: {
      DATABASE_URL: opts.databaseUrl,
      SESSION_HOST_HOSTNAME: hostname,
      SESSION_HOST_PORT: String(port),
      SESSION_HOST_SECRET: opts.secret,
      SESSION_HOST_WORKER_URL: opts.workerUrl,
      SESSION_ENCRYPTION_KEYS: opts.encryptionKeys,
      SESSION_ENCRYPTION_KEY_ID: opts.encryptionKeyId,
      ...opts.env,
    },
    inherit: opts.inherit,
  });
  const url = `http://${hostname}:${port}`;
  const ready = waitForHttp(`${url}/health`, 30_000, host).catch(async (error: unknown) => {
    await host.stop();
    throw error;
  });
  return { url, process: host, ready };
}
