import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { MESSAGE_CHANNELS } from "../db/schema";
import { getMessagingSettings, updateMessagingSettings } from "../messaging/messaging-settings.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

const Hour = z.number().int().min(0).max(23);

const SettingsSchema = z
  .object({
    fallbackOrder: z
      .array(z.string())
      .openapi({ description: "Channels tried in order when one cannot reach the lead." }),
    quietStart: Hour.openapi({ description: "Local hour (lead's zone) from which messages are held." }),
    quietEnd: Hour.openapi({
      description: "Local hour at which held messages go out. Equal to quietStart: no quiet hours.",
    }),
    moveOnReply: z.boolean().openapi({ description: "Move the lead's card to In Conversation on their first reply." }),
  })
  .openapi("MessagingSettings");

const SettingsPatch = z
  .object({
    fallbackOrder: z
      .array(z.enum(MESSAGE_CHANNELS))
      .max(MESSAGE_CHANNELS.length)
      .refine((list) => new Set(list).size === list.length, "List each channel once.")
      .optional(),
    quietStart: Hour.optional(),
    quietEnd: Hour.optional(),
    moveOnReply: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Nothing to change")
  .openapi("MessagingSettingsPatch");

const r = {
  get: createRoute({
    ...access("read"),
    method: "get",
    path: "/messaging-settings",
    tags: ["messages"],
    summary: "The workspace's messaging settings",
    responses: { 200: json(z.object({ settings: SettingsSchema })) },
  }),
  update: createRoute({
    ...access("admin"),
    method: "patch",
    path: "/messaging-settings",
    tags: ["messages"],
    summary: "Change the fallback order, quiet hours or move-on-reply",
    request: { ...body(SettingsPatch) },
    responses: { 200: json(z.object({ settings: SettingsSchema })) },
  }),
};

export const messagingSettingsRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(r.get, async (c) =>
    c.json({ settings: await getMessagingSettings(c.var.database.get().db, c.var.principal) }, 200),
  )
  .openapi(r.update, async (c) =>
    c.json(
      { settings: await updateMessagingSettings(c.var.database.get().db, c.var.principal, c.req.valid("json")) },
      200,
    ),
  );
