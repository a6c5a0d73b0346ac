// Connecting an X account (issue 17): an owner or admin asks for X's authorize URL (OAuth 2.0 with PKCE) and the
// browser goes there; X sends it back to the callback, which finishes the connection and redirects to the channels
// page with `?connected=x`, or `?error=<reason>` — never a token or code in that URL. X unconfigured → 503.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../lib/app-error";
import { describeError } from "../lib/logger";
import { finishXConnect, startXConnect } from "../messaging/x-accounts.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { json } from "./openapi";

const CHANNELS_PAGE = "/dashboard/channels";
const param = z.string().max(2000).optional();

const r = {
  connect: createRoute({
    ...access("admin"),
    method: "post",
    path: "/channels/x/connect",
    tags: ["channels"],
    summary: "Start connecting an X account: the X authorize URL to open (OAuth 2.0 with PKCE, single-use state)",
    responses: {
      200: json(z.object({ url: z.url() }).openapi("XConnectStart"), "Open this URL in the browser"),
      503: {
        description: "X is not configured on this server (details.setting names what is missing)",
        content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
      },
    },
  }),
  callback: createRoute({
    ...access("user"),
    method: "get",
    path: "/channels/x/callback",
    tags: ["channels"],
    summary: "Where X returns the browser: connects the account, then redirects to the channels page",
    request: {
      query: z.object({ code: param, state: param, error: param, error_description: param }),
    },
    responses: {
      302: {
        description: "To /dashboard/channels?connected=x, or ?error=<reason> (state_invalid, access_denied, …)",
        headers: z.object({ location: z.string() }),
      },
    },
  }),
};

const db = (c: { var: ApiEnv["Variables"] }) => c.var.database.get().db;

export const xConnectRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(r.connect, async (c) =>
    c.json(await startXConnect(db(c), c.env, c.var.principal, new URL(c.req.url).origin), 200),
  )
  .openapi(r.callback, async (c) => {
    const origin = new URL(c.req.url).origin;
    try {
      await finishXConnect(db(c), c.env, c.var.principal, c.req.valid("query"), origin);
      return c.redirect(`${CHANNELS_PAGE}?connected=x`, 302);
    } catch (err) {
      // The browser always lands on the channels page with a word; our own failures are logged whole.
      if (!(err instanceof AppError)) {
        c.var.log.error("x.connect_failed", describeError(err));
        return c.redirect(`${CHANNELS_PAGE}?error=failed`, 302);
      }
      const reason = typeof err.details?.reason === "string" ? err.details.reason : err.code.toLowerCase();
      c.var.log.warn("x.connect_failed", { reason, code: err.code });
      return c.redirect(`${CHANNELS_PAGE}?error=${encodeURIComponent(reason)}`, 302);
    }
  });
