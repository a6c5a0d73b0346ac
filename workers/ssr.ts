import { RouterContextProvider, createRequestHandler } from "react-router";
import { cloudflareContext } from "../app/lib/cloudflare-context";
import { cspNonceContext } from "../app/lib/csp-nonce";
import { randomToken } from "./auth/crypto";
import { pageCsp } from "./lib/security-headers";

// The server build is a virtual module produced by the React Router Vite plugin; it is loaded lazily so
// the API and the queue handler never depend on the UI bundle.
const handleRequest = createRequestHandler(() => import("virtual:react-router/server-build"), import.meta.env?.MODE);

export async function renderApp(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const context = new RouterContextProvider();
  context.set(cloudflareContext, { env, ctx });
  // Vite's dev server injects inline scripts of its own, so the strict policy applies to builds only.
  const nonce = import.meta.env?.DEV ? undefined : randomToken(16);
  context.set(cspNonceContext, nonce);
  const response = await handleRequest(request, context);
  if (!nonce) return response;
  const secured = new Response(response.body, response);
  secured.headers.set("content-security-policy", pageCsp(nonce, env.SUPABASE_URL ? [env.SUPABASE_URL] : []));
  return secured;
}
