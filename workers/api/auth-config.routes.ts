import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { authConfig } from "../auth/auth-config";
import { signAnonKey } from "../auth/tokens";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { json } from "./openapi";

const route = createRoute({
  ...access("public"),
  method: "get",
  path: "/auth/config",
  tags: ["accounts"],
  summary: "Where supabase-js should sign in, and the public anon key to send",
  responses: {
    200: json(
      z.object({ mode: z.enum(["embedded", "supabase"]), supabaseUrl: z.string(), anonKey: z.string() }),
      "Public auth settings",
    ),
  },
});

export const authConfigRoutes = new OpenAPIHono<ApiEnv>().openapi(route, async (c) => {
  const config = authConfig(c.env);
  const origin = new URL(c.req.url).origin;
  const body =
    config.mode === "embedded"
      ? { mode: config.mode, supabaseUrl: origin, anonKey: await signAnonKey(config, `${origin}/auth/v1`) }
      : { mode: config.mode, supabaseUrl: config.supabaseUrl!, anonKey: c.env.SUPABASE_ANON_KEY ?? "" };
  return c.json(body, 200);
});
