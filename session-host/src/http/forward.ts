// In a fleet, a request that needs a session's live socket (pairing code, log out) may reach a host that does not
// run it: that host passes it on, signed afresh, to the lease holder. One hop at most.
import type { Context } from "hono";
import { signRequest } from "../protocol/signature";
import type { HostDeps } from "./host-deps";
import type { SignedVars } from "./signed";

export const FORWARDED_HEADER = "x-rl-forwarded-by";

export async function forwardToOwner(
  deps: Pick<HostDeps, "hostId" | "secret" | "hosts" | "manager">,
  c: Context<SignedVars>,
  sessionId: string,
): Promise<Response | undefined> {
  if (deps.manager.runtimes.has(sessionId) || c.req.header(FORWARDED_HEADER)) return undefined;
  const ownerUrl = await deps.hosts.ownerUrl(sessionId, deps.hostId);
  if (!ownerUrl) return undefined;
  const url = new URL(c.req.url);
  const path = url.pathname + url.search;
  const body = c.var.rawBody;
  const headers = await signRequest(deps.secret, { method: c.req.method, path, body });
  const res = await fetch(new URL(path, ownerUrl), {
    method: c.req.method,
    headers: { ...headers, "content-type": "application/json", [FORWARDED_HEADER]: deps.hostId },
    ...(body.length > 0 ? { body } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  return new Response(res.body, {
    status: res.status,
    headers: { "content-type": res.headers.get("content-type") ?? "application/json" },
  });
}
