import { RouterContextProvider, createRequestHandler } from "react-router";
import { cloudflareContext } from "../app/lib/cloudflare-context";

// The server build is a virtual module produced by the React Router Vite plugin; it is loaded lazily so
// the API and the queue handler never depend on the UI bundle.
const handleRequest = createRequestHandler(() => import("virtual:react-router/server-build"), import.meta.env?.MODE);

export function renderApp(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  const context = new RouterContextProvider();
  context.set(cloudflareContext, { env, ctx });
  return handleRequest(request, context);
}
