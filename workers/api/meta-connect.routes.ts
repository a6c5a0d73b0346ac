// Connecting Facebook Pages and Instagram accounts (issue 17). An owner or admin asks for Meta's dialog URL; Meta
// sends the browser back to the callback, which needs the same signed-in user (the session cookie comes along on
// this top-level redirect) and the single-use `state` they started: a dialog link sent to someone else cannot put
// their Pages into the sender's workspace. It ends with a redirect to the channels page, never with a token in it.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../lib/app-error";
import { describeError } from "../lib/logger";
import { finishMetaConnect, startMetaConnect } from "../messaging/meta-connect.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

const CHANNELS_PAGE = "/dashboard/channels";

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
});

const connect = createRoute({
  ...access("admin"),
  method: "post",
  path: "/channels/meta/connect",
  tags: ["channels"],
  summary: "Start connecting a Facebook Page or an Instagram professional account: Meta's dialog URL to open",
  request: {
    ...body(
      z
        .object({
          channel: z.enum(["facebook", "instagram"]).openapi({
            description: "instagram also connects the Pages the Instagram accounts are linked to",
          }),
        })
        .openapi("ConnectMeta"),
    ),
  },
  responses: {
    200: json(z.object({ url: z.url().openapi({ description: "Send the browser here (Meta's OAuth dialog)" }) })),
    503: errorResponse("Meta is not configured on this deployment: details.missing names the settings"),
  },
});

const callback = createRoute({
  ...access("user"),
  method: "get",
  path: "/channels/meta/callback",
  tags: ["channels"],
  summary: "Meta's OAuth redirect: stores the granted accounts, then redirects to the channels page",
  request: {
    query: z.object({
      code: z.string().max(2000).optional(),
      state: z.string().max(500).optional(),
      error: z.string().max(200).optional(),
      error_reason: z.string().max(200).optional(),
      error_description: z.string().max(2000).optional(),
    }),
  },
  responses: {
    302: {
      description:
        "To /dashboard/channels?connected=<facebook|instagram>, or ?error=<expired|denied|forbidden|nothing_granted|graph|not_configured>",
    },
  },
});

/** A short word for the page's banner: no message, token or code from Meta ever goes into the URL. */
function errorWord(error: unknown): string {
  if (!(error instanceof AppError)) return "failed";
  const reason = error.details?.reason;
  if (typeof reason === "string") return reason;
  if (error.details?.fields) return "expired";
  if (error.code === "SERVICE_UNAVAILABLE") return "not_configured";
  return "failed";
}

export const metaConnectRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(connect, async (c) => {
    const url = await startMetaConnect(
      c.var.database.get().db,
      c.env,
      c.var.principal,
      c.req.valid("json").channel,
      new URL(c.req.url).origin,
    );
    return c.json({ url }, 200);
  })
  .openapi(callback, async (c) => {
    const q = c.req.valid("query");
    const origin = new URL(c.req.url).origin;
    try {
      const done = await finishMetaConnect(c.var.database.get().db, c.env, c.var.principal, {
        code: q.code,
        state: q.state,
        denied: Boolean(q.error),
        origin,
      });
      return c.redirect(`${CHANNELS_PAGE}?connected=${done.channel}`, 302);
    } catch (error) {
      // Our own failures (not Meta's or the user's) are logged whole: the browser only gets a word.
      if (error instanceof AppError) c.var.log?.warn("meta.connect_failed", { reason: errorWord(error) });
      else c.var.log?.error("meta.connect_failed", describeError(error));
      return c.redirect(`${CHANNELS_PAGE}?error=${encodeURIComponent(errorWord(error))}`, 302);
    }
  });
