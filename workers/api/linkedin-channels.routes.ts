// LinkedIn accounts (decision 020): connected with the rep's own LinkedIn session cookie, which the session-host
// seals and runs; a fresh cookie after LinkedIn's security checkpoint or a log-out. Owners and admins only: the
// cookie is a whole LinkedIn login. Pausing, limits and removal are the shared channel routes.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { isStorableText } from "../lib/validation";
import { connectLinkedin, renewLinkedinCookie } from "../messaging/channel-accounts.service";
import { access } from "./access";
import { ChannelAccountResponse } from "./channels.routes";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

// Only the shape here: the session host checks the values themselves (protocol/api.ts LinkedinCookie) and its
// field errors come back as ours.
const Cookie = z
  .object({
    liAt: z.string().trim().min(10).max(4000).openapi({ description: "The li_at cookie's value" }),
    jsessionId: z
      .string()
      .trim()
      .max(200)
      .optional()
      .openapi({ description: 'The JSESSIONID cookie ("ajax:…"); the host makes one when absent' }),
  })
  .openapi("LinkedinCookie", {
    description:
      "The rep's own LinkedIn session: the li_at cookie (and JSESSIONID if at hand) copied from a browser signed in to linkedin.com. Sealed by the session host, never shown again.",
  });

const r = {
  connect: createRoute({
    ...access("admin"),
    method: "post",
    path: "/channels/linkedin",
    tags: ["channels"],
    summary:
      "Connect a LinkedIn account with the rep's own session cookie (pending until the session host has checked it with LinkedIn)",
    request: {
      ...body(
        z
          .object({
            name: z.string().trim().min(1).max(100).refine(isStorableText, "Not storable text."),
            cookie: Cookie,
          })
          .openapi("ConnectLinkedin"),
      ),
    },
    responses: { 201: json(ChannelAccountResponse, "The new account, pending") },
  }),
  cookie: createRoute({
    ...access("admin"),
    method: "post",
    path: "/channels/{id}/linkedin-cookie",
    tags: ["channels"],
    summary: "Give a LinkedIn account a fresh session cookie (after a checkpoint or a log-out) and start it again",
    request: {
      params: z.object({ id: z.uuid() }),
      ...body(z.object({ cookie: Cookie }).openapi("LinkedinCookieRenewal")),
    },
    responses: { 200: json(ChannelAccountResponse) },
  }),
};

const db = (c: { var: ApiEnv["Variables"] }) => c.var.database.get().db;

export const linkedinChannelRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(r.connect, async (c) => {
    const { name, cookie } = c.req.valid("json");
    return c.json({ account: await connectLinkedin(db(c), c.env, c.var.principal, name, cookie) }, 201);
  })
  .openapi(r.cookie, async (c) =>
    c.json(
      {
        account: await renewLinkedinCookie(
          db(c),
          c.env,
          c.var.principal,
          c.req.valid("param").id,
          c.req.valid("json").cookie,
        ),
      },
      200,
    ),
  );
