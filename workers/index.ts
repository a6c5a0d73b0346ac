import { routePartykitRequest } from "partyserver";
import { createApi } from "./api/app";
import { createLocalAuthApi } from "./auth/local-auth.routes";
import { AppError } from "./lib/app-error";
import { openDb } from "./db/client";
import { asService } from "./db/tenant";
import { pruneExpiredNonces } from "./repos/webhook-nonces.repo";
import { pruneExpiredOAuthStates } from "./repos/oauth-states.repo";
import { API_CSP, withSecurityHeaders } from "./lib/security-headers";
import { REQUEST_ID_HEADER, resolveRequestId } from "./lib/request-id";
import { handleQueueBatch } from "./queues/dispatch";
import { sweepQueuedMessages } from "./messaging/outbound-queue";
import { sweepLiveEvents } from "./realtime/live-events";
import { authorizeRoom } from "./realtime/room-access";
import { ROOM_PARTIES } from "./realtime/room-classes";
import { renderApp } from "./ssr";

export { LeadRoom } from "../durable-objects/lead-room";
export { LiveRoom } from "../durable-objects/live-room";
export { RateLimiter } from "../durable-objects/rate-limiter";
export { RoomRegistry } from "../durable-objects/room-registry";
export { SandboxProvider } from "../durable-objects/sandbox-provider";
export { XAccount } from "../durable-objects/x-account";

const api = createApi();
const localAuth = createLocalAuthApi();

// Only the Durable Object classes we serve as rooms (partyserver's kebab-case names), never the registry
// or the rate limiter, which partyserver would otherwise route too.
const ROOM_PATH = /^\/parties\/([a-z-]+)\/([^/]+)\/?$/;

function roomOf(pathname: string): string | undefined {
  const match = ROOM_PATH.exec(pathname);
  return match && Object.hasOwn(ROOM_PARTIES, match[1]!) ? match[2] : undefined;
}

async function route(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (pathname === "/api" || pathname.startsWith("/api/")) return api.fetch(request, env, ctx);
  if (pathname.startsWith("/auth/v1/")) return localAuth.fetch(request, env, ctx);
  if (pathname.startsWith("/parties/")) {
    const room = roomOf(pathname);
    const party = room
      ? await routePartykitRequest(request, env, {
          onBeforeConnect: (req) => authorizeRoom(req, room, env, ctx),
          onBeforeRequest: (req) => authorizeRoom(req, room, env, ctx),
        })
      : null;
    return party ?? Response.json(new AppError("RESOURCE_NOT_FOUND", "No such room.").toEnvelope(), { status: 404 });
  }
  return renderApp(request, env, ctx);
}

export default {
  async fetch(request, env, ctx) {
    // One id per request, set before routing so the API logs and the response carry the same value.
    const requestId = resolveRequestId(request.headers.get(REQUEST_ID_HEADER));
    const headers = new Headers(request.headers);
    headers.set(REQUEST_ID_HEADER, requestId);
    const response = await route(new Request(request, { headers }), env, ctx);
    if (response.webSocket || response.status === 101) return response;
    // Pages set their own nonce-based policy (none in Vite dev); everything else the Worker answers is data.
    const isData = /^\/(api|auth\/v1|parties)(\/|$)/.test(new URL(request.url).pathname);
    const tagged = withSecurityHeaders(response, isData ? API_CSP : undefined);
    tagged.headers.set(REQUEST_ID_HEADER, requestId);
    return tagged;
  },

  async queue(batch, env, ctx) {
    await handleQueueBatch(batch, env, ctx);
  },

  // Cron (wrangler.toml [triggers]): live events whose push failed (decision 012) and messages whose enqueue
  // failed (decision 016) are picked up here; session-host nonces past their signature window and OAuth flows
  // past their expiry are forgotten.
  async scheduled(_controller, env, ctx) {
    const db = openDb(env.HYPERDRIVE.connectionString);
    try {
      await Promise.all([
        sweepLiveEvents(db.db, env),
        sweepQueuedMessages(db.db, env),
        asService(db.db, (tx) => pruneExpiredNonces(tx)),
        asService(db.db, (tx) => pruneExpiredOAuthStates(tx)),
      ]);
    } finally {
      ctx.waitUntil(db.close().catch(() => {}));
    }
  },
} satisfies ExportedHandler<Env>;
