// `bun run dev` — the whole app on one machine with no configuration:
// Postgres (DATABASE_URL or embedded PGlite) → migrations → the Worker in workerd on http://localhost:8787, and
// the session-host (WhatsApp, decision 017) on SESSION_HOST_URL's port (8790) with the same database and secrets.
// `bun run start` (--preview) serves a production build through `wrangler dev` instead of Vite's dev server.
import { resolveDevDatabase, withPasswordForHyperdrive } from "./lib/database-target.ts";
import { ensureDevSecrets } from "./lib/dev-vars.ts";
import { migrate } from "./lib/migrate.ts";
import { run, startProcess } from "./lib/processes.ts";
import type { StartedProcess } from "./lib/processes.ts";
import { startSessionHostProcess } from "./lib/session-host-process.ts";

const preview = process.argv.includes("--preview");
// `--no-build` serves the existing build (tests start several instances); args after `--` go to the server.
const skipBuild = process.argv.includes("--no-build");
const dashDash = process.argv.indexOf("--");
const passthrough = dashDash >= 0 ? process.argv.slice(dashDash + 1) : [];
const port = String(Number(process.env.PORT) || 8787);

const secrets = await ensureDevSecrets();
const database = await resolveDevDatabase();
console.log(`[dev] Postgres: ${database.kind === "embedded" ? `embedded (${database.url})` : "DATABASE_URL"}`);
const { applied } = await migrate(database.url);
console.log(`[dev] migrations: ${applied.length} applied`);

// An inherited NODE_ENV (vitest sets "test") would make Vite build a development bundle.
const workerEnv = {
  PORT: port,
  CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPasswordForHyperdrive(database.url),
  NODE_ENV: preview ? "production" : undefined,
};
if (preview && !skipBuild && (await run("react-router", ["build"], { NODE_ENV: "production" })) !== 0) {
  await database.stop();
  process.exit(1);
}
const server = preview
  ? startProcess(
      "wrangler",
      ["dev", "--port", port, "--ip", "127.0.0.1", "--show-interactive-dev-session=false", ...passthrough],
      { env: workerEnv, inherit: true },
    )
  : startProcess("react-router", ["dev", "--port", port, "--strictPort", ...passthrough], {
      env: workerEnv,
      inherit: true,
    });
console.log(`[dev] starting on http://localhost:${port}`);
let stopping = false;
// `SESSION_HOST=off` runs the app without it (WhatsApp then answers 503).
let sessionHost: StartedProcess | undefined;
if (process.env.SESSION_HOST !== "off") void startSessionHost();

/**
 * The session-host next to the app, as its own Bun process (as in production). It listens where the Worker's
 * SESSION_HOST_URL points (wrangler.toml, or .dev.vars) and posts its events back to this app. If it cannot start
 * (the port is taken by another checkout), the app still runs; WhatsApp then answers 503.
 */
async function startSessionHost(): Promise<void> {
  // The environment wins over .dev.vars: the browser suite runs its own host on a free port.
  const hostUrl = new URL(process.env.SESSION_HOST_URL ?? secrets.SESSION_HOST_URL ?? "http://127.0.0.1:8790");
  const host = await startSessionHostProcess({
    databaseUrl: database.url,
    hostname: hostUrl.hostname,
    port: Number(hostUrl.port) || 8790,
    secret: secrets.SESSION_HOST_SECRET!,
    workerUrl: `http://localhost:${port}`,
    encryptionKeys: secrets.SESSION_ENCRYPTION_KEYS!,
    encryptionKeyId: secrets.SESSION_ENCRYPTION_KEY_ID!,
    inherit: true,
  });
  sessionHost = host.process;
  if (stopping) return void (await host.process.stop());
  try {
    await host.ready;
    console.log(`[dev] session-host on ${host.url}`);
    host.process.child.once("exit", (code) => {
      if (!stopping)
        console.warn(`[dev] session-host exited (${code}); WhatsApp answers 503 until bun run dev restarts`);
    });
  } catch (error) {
    console.warn(`[dev] session-host did not start; WhatsApp answers 503: ${(error as Error).message.split("\n")[0]}`);
  }
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([server.stop(), sessionHost?.stop()]);
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
server.child.once("exit", (code) => void shutdown(code ?? 1));
