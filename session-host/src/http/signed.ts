// Every API request must be signed by the Worker (protocol/signature.ts) and used once.
import type { MiddlewareHandler } from "hono";
import { verifyRequest } from "../protocol/signature";
import type { NonceStore } from "../store/nonce.store";
import { HostError } from "./errors";

export type SignedVars = { Variables: { rawBody: Uint8Array } };

export function requireSignature(secret: string, nonces: NonceStore): MiddlewareHandler<SignedVars> {
  return async (c, next) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const url = new URL(c.req.url);
    const result = await verifyRequest(
      secret,
      { method: c.req.method, path: url.pathname + url.search, body: raw },
      c.req.raw.headers,
    );
    if (!result.ok) throw new HostError("UNAUTHENTICATED", "The request signature is missing, stale or wrong.");
    if (!(await nonces.firstUse(result.nonce)))
      throw new HostError("UNAUTHENTICATED", "This signed request was already used.");
    c.set("rawBody", raw);
    await next();
  };
}
