// The composition root: builds every part from a validated env and starts the HTTP server, the lease heartbeat
// and the outbox. main.ts calls it for the real process; tests call it to run real hosts in-process.
import { WA_CERT_DETAILS } from "@whiskeysockets/baileys";
import type { HostEnv } from "./config/env";
import { SealedBox } from "./crypto/sealed-box";
import { hostApp } from "./http/app";
import type { HostDeps } from "./http/host-deps";
import { guardConsole } from "./ops/console-guard";
import { createLogger, type Logger } from "./ops/logger";
import { Counters } from "./ops/metrics";
import { Outbox } from "./outbox/outbox";
import { workerClient } from "./outbox/worker-client";
import { PacingStore } from "./sessions/pacing.store";
import { Sender } from "./sessions/sender";
import { SessionManager } from "./sessions/session-manager";
import { AuthStateStore } from "./store/auth-state.store";
import { HostsRepo } from "./store/hosts.repo";
import { openDatabase } from "./store/db";
import { NonceStore } from "./store/nonce.store";
import { OUTBOUND_CHANNEL, OutboundRepo } from "./store/outbound.repo";
import { SessionsRepo } from "./store/sessions.repo";

export interface RunningHost {
  url: string;
  deps: HostDeps;
  stop(): Promise<void>;
}

export async function startHost(env: HostEnv, logger: Logger = createLogger(env.LOG_LEVEL)): Promise<RunningHost> {
  guardConsole(logger);
  // Test only: trust the loopback stand-in's certificate root instead of WhatsApp's.
  if (env.WA_CERT_ROOT_PUBLIC_KEY) WA_CERT_DETAILS.PUBLIC_KEY = env.WA_CERT_ROOT_PUBLIC_KEY;
  const sql = openDatabase(env.DATABASE_URL);
  const repo = new SessionsRepo(sql);
  const auth = new AuthStateStore(sql, new SealedBox(env.SESSION_ENCRYPTION_KEYS, env.SESSION_ENCRYPTION_KEY_ID));
  const outbound = new OutboundRepo(sql);
  const outbox = new Outbox(sql, workerClient(env.SESSION_HOST_WORKER_URL, env.SESSION_HOST_SECRET));
  const counters = new Counters();
  const pacing = new PacingStore(repo, env.SESSION_PACING_DEFAULTS);
  let sender: Sender | undefined;
  const manager = new SessionManager(
    repo,
    auth,
    outbox,
    logger,
    {
      hostId: env.SESSION_HOST_ID,
      leaseTtlMs: env.SESSION_LEASE_TTL_MS,
      maxSessions: env.SESSION_HOST_MAX_SESSIONS,
      ...(env.WA_WEBSOCKET_URL ? { waWebSocketUrl: env.WA_WEBSOCKET_URL } : {}),
      linkedin: { apiUrl: env.LINKEDIN_API_URL.replace(/\/$/, ""), pollMs: env.LINKEDIN_POLL_MS },
    },
    {
      started: (id) => sender?.attach(id),
      stopped: (id) => sender?.detach(id),
      status: (id, status) => status === "open" && sender?.wake(id),
      inbound: () => counters.inbound++,
      receipt: async (id, providerMessageId, status) => {
        // Receipts of messages typed on the phone itself are not ours to report.
        if (!(await outbound.isOurs(id, providerMessageId))) return;
        await outbox.add(id, {
          kind: "status",
          sessionId: id,
          providerMessageId,
          status,
          at: new Date().toISOString(),
        });
      },
    },
  );
  sender = new Sender({ outbound, repo, pacing, outbox, logger, counters, runtime: (id) => manager.runtimes.get(id) });
  const hosts = new HostsRepo(sql);
  const deps: HostDeps = {
    hosts,
    hostId: env.SESSION_HOST_ID,
    secret: env.SESSION_HOST_SECRET,
    logger,
    repo,
    auth,
    outbound,
    outbox,
    nonces: new NonceStore(sql),
    manager,
    sender,
    pacing,
    counters,
  };
  // A send accepted by any host of the fleet wakes the loop of the host that runs its session; without
  // LISTEN (some embedded databases) the loops still poll.
  await sql
    .listen(OUTBOUND_CHANNEL, (sessionId) => sender?.wake(sessionId))
    .catch((error) => logger.warn("no LISTEN: send loops poll", { error: (error as Error).message }));
  const app = hostApp(deps);
  const server = Bun.serve({ port: env.SESSION_HOST_PORT, hostname: env.SESSION_HOST_HOSTNAME, fetch: app.fetch });
  // Where the other hosts of a fleet pass on requests for sessions this host runs.
  const publicUrl = env.SESSION_HOST_PUBLIC_URL ?? `http://${env.SESSION_HOST_HOSTNAME}:${server.port}`;
  const announce = () =>
    hosts.announce(env.SESSION_HOST_ID, publicUrl).catch((e) => logger.warn("announce failed", { error: e.message }));
  await announce();
  const announcing = setInterval(announce, Math.max(1000, Math.floor(env.SESSION_LEASE_TTL_MS / 3)));
  manager.start();
  outbox.start();
  logger.info("session-host listening", { port: server.port, hostId: env.SESSION_HOST_ID });
  return {
    url: `http://${env.SESSION_HOST_HOSTNAME}:${server.port}`,
    deps,
    async stop() {
      clearInterval(announcing);
      await server.stop(true);
      await sender.stopAll();
      await manager.close();
      await outbox.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
