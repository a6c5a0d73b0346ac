// Channel accounts (issue 16): the workspace's accounts, and connecting and running WhatsApp numbers through the
// session-host (decision 017). Owners and admins connect, pair, limit and remove numbers; any member may pause,
// resume or reconnect one (stopping sends is always safe). The host unreachable → 503 SERVICE_UNAVAILABLE.
import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { CHANNEL_ACCOUNT_STATUSES, MESSAGE_CHANNELS } from "../db/schema";
import { isStorableText } from "../lib/validation";
import {
  connectWhatsapp,
  listChannels,
  removeChannel,
  sessionAction,
  updateLimits,
  whatsappPairingCode,
  whatsappQr,
} from "../messaging/channel-accounts.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

const Id = z.object({ id: z.uuid() });
const Ms = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 * 60_000);
const Hour = z.number().int().min(0).max(23);

const LimitsSchema = z
  .object({
    perMinute: z.number().int().min(1).max(60).openapi({ description: "Sends per rolling minute" }),
    gapMinMs: Ms.openapi({ description: "Shortest random gap between two sends (ms)" }),
    gapMaxMs: Ms.openapi({ description: "Longest random gap between two sends (ms)" }),
    dailyCap: z.number().int().min(1).max(10_000).openapi({ description: "Messages per local day once warmed up" }),
    warmupFirstDayCap: z.number().int().min(1).max(10_000).openapi({ description: "A new number's first-day cap" }),
    warmupDays: z.number().int().min(1).max(90).openapi({ description: "Days the cap grows to dailyCap" }),
    newContactsPerDay: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .openapi({ description: "First messages to people who never wrote to the number, per day" }),
    quietStartHour: Hour.openapi({ description: "Recipient's local hour from which nothing is sent" }),
    quietEndHour: Hour.openapi({ description: "Recipient's local hour sends resume; equal: no quiet hours" }),
    timeZone: z.string().min(1).max(64).openapi({ description: "The number's own zone (its day for caps)" }),
  })
  .openapi("WhatsappLimits");

const ChannelAccountSchema = z
  .object({
    id: z.uuid(),
    channel: z.enum(MESSAGE_CHANNELS),
    provider: z.string().openapi({
      description:
        '"session-host" for WhatsApp numbers and LinkedIn accounts, "x-api" for X accounts, "sandbox" for the Sandbox',
    }),
    name: z.string(),
    status: z.enum(CHANNEL_ACCOUNT_STATUSES).openapi({ description: "Only connected accounts send" }),
    providerStatus: z.string().nullable().openapi({
      description:
        "WhatsApp and LinkedIn: starting, qr (WhatsApp: waiting for a scan), connecting, open, paused, logged_out, failed, checkpoint (LinkedIn asks the rep for a security check); X: connected, revoked",
    }),
    reason: z.string().nullable().openapi({ description: "Why it is in this state, in words for the rep" }),
    phone: z.string().nullable().openapi({ description: "The account's own number (digits with country code)" }),
    paused: z.boolean(),
    pausedUntil: z.string().nullable(),
    limits: LimitsSchema.nullable().openapi({
      description: "Pacing limits of accounts run by the session host (WhatsApp, LinkedIn); null for other channels",
    }),
    hostReachable: z
      .boolean()
      .nullable()
      .openapi({ description: "WhatsApp: false when the session host did not answer (stored state shown)" }),
    createdAt: z.string(),
  })
  .openapi("ChannelAccount");

const Account = z.object({ account: ChannelAccountSchema });
export { Account as ChannelAccountResponse };
const conflict = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorEnvelope" } } },
});

/** Pause, resume, reconnect: the same shape; stopping or restarting sends is open to every member. */
function actionRoute(action: "pause" | "resume" | "reconnect", summary: string) {
  return createRoute({
    ...access("write"),
    method: "post",
    path: `/channels/{id}/${action}`,
    tags: ["channels"],
    summary,
    request: { params: Id },
    responses: { 200: json(Account) },
  });
}

const r = {
  list: createRoute({
    ...access("read"),
    method: "get",
    path: "/channels",
    tags: ["channels"],
    summary: "The workspace's channel accounts, with each WhatsApp number's live state and limits",
    responses: { 200: json(z.object({ channels: z.array(ChannelAccountSchema) })) },
  }),
  connect: createRoute({
    ...access("admin"),
    method: "post",
    path: "/channels/whatsapp",
    tags: ["channels"],
    summary: "Start connecting a WhatsApp number: creates its session (pending until paired by QR or code)",
    request: {
      ...body(
        z
          .object({ name: z.string().trim().min(1).max(100).refine(isStorableText, "Not storable text.") })
          .openapi("ConnectWhatsapp"),
      ),
    },
    responses: { 201: json(Account, "The new account, pending") },
  }),
  qr: createRoute({
    ...access("admin"),
    method: "get",
    path: "/channels/{id}/qr",
    tags: ["channels"],
    summary: "The current pairing QR (it rotates: poll every few seconds while the account is pairing)",
    request: { params: Id },
    responses: {
      200: json(
        z.object({
          qr: z.string().nullable().openapi({
            description:
              "Text to render as a QR code and scan in WhatsApp → Linked devices; null while WhatsApp is still starting",
          }),
          at: z.string().nullable(),
          status: z.string().openapi({
            description: "qr; starting/connecting before a QR exists; open, logged_out … once past pairing",
          }),
        }),
      ),
      409: conflict(
        "The session is past pairing: connected, logged out or failed (CONFLICT; details.status says which)",
      ),
    },
  }),
  pairingCode: createRoute({
    ...access("admin"),
    method: "post",
    path: "/channels/{id}/pairing-code",
    tags: ["channels"],
    summary: "Pair by code instead of QR: WhatsApp shows a prompt on the phone with this number",
    request: {
      params: Id,
      ...body(
        z
          .object({
            phone: z
              .string()
              .trim()
              .regex(/^\+?[0-9\s().-]{6,30}$/, "A phone number with country code, e.g. +49 151 2345678")
              .transform((p) => p.replace(/[^0-9]/g, "")),
          })
          .openapi("PairingCodeRequest"),
      ),
    },
    responses: { 200: json(z.object({ code: z.string() })) },
  }),
  pause: actionRoute("pause", "Stop sending from this number (messages still come in)"),
  resume: actionRoute("resume", "Send again from this number"),
  reconnect: actionRoute("reconnect", "Reconnect this number's session (after a failure or a logout: pair again)"),
  limits: createRoute({
    ...access("admin"),
    method: "patch",
    path: "/channels/{id}/limits",
    tags: ["channels"],
    summary: "Change this number's pacing limits (unnamed limits stay as they are)",
    request: {
      params: Id,
      ...body(
        LimitsSchema.partial()
          .strict()
          .refine((p) => Object.keys(p).length > 0, "Nothing to change")
          .openapi("WhatsappLimitsPatch"),
      ),
    },
    responses: { 200: json(Account) },
  }),
  remove: createRoute({
    ...access("admin"),
    method: "delete",
    path: "/channels/{id}",
    tags: ["channels"],
    summary:
      "Disconnect and remove a channel account: a WhatsApp number is logged out and its stored login wiped; a Facebook, Instagram or X account's sealed tokens are deleted (and an X account's polling stops)",
    request: { params: Id },
    responses: { 204: { description: "Removed" } },
  }),
};

const db = (c: { var: ApiEnv["Variables"] }) => c.var.database.get().db;

export const channelRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(r.list, async (c) => c.json({ channels: await listChannels(db(c), c.env, c.var.principal) }, 200))
  .openapi(r.connect, async (c) =>
    c.json({ account: await connectWhatsapp(db(c), c.env, c.var.principal, c.req.valid("json").name) }, 201),
  )
  .openapi(r.qr, async (c) => c.json(await whatsappQr(db(c), c.env, c.var.principal, c.req.valid("param").id), 200))
  .openapi(r.pairingCode, async (c) =>
    c.json(
      await whatsappPairingCode(db(c), c.env, c.var.principal, c.req.valid("param").id, c.req.valid("json").phone),
      200,
    ),
  )
  .openapi(r.pause, async (c) =>
    c.json({ account: await sessionAction(db(c), c.env, c.var.principal, c.req.valid("param").id, "pause") }, 200),
  )
  .openapi(r.resume, async (c) =>
    c.json({ account: await sessionAction(db(c), c.env, c.var.principal, c.req.valid("param").id, "resume") }, 200),
  )
  .openapi(r.reconnect, async (c) =>
    c.json({ account: await sessionAction(db(c), c.env, c.var.principal, c.req.valid("param").id, "reconnect") }, 200),
  )
  .openapi(r.limits, async (c) =>
    c.json(
      {
        account: await updateLimits(db(c), c.env, c.var.principal, c.req.valid("param").id, c.req.valid("json")),
      },
      200,
    ),
  )
  .openapi(r.remove, async (c) => {
    await removeChannel(db(c), c.env, c.var.principal, c.req.valid("param").id);
    return c.body(null, 204);
  });
