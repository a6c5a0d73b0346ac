// The host's wire contract (decision 017): request and response bodies of its HTTP API and the events it posts
// to the Worker's `/api/hooks/session-host`. The Worker imports these schemas, so both sides agree by construction.
import { z } from "zod";

/** `checkpoint`: LinkedIn stopped the session at a security check only the rep can clear in a browser. */
export const SESSION_STATUSES = [
  "starting",
  "qr",
  "connecting",
  "open",
  "paused",
  "logged_out",
  "failed",
  "checkpoint",
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** Statuses in which no host runs the session until someone connects it again. */
export const STOPPED_STATUSES: readonly SessionStatus[] = ["logged_out", "failed", "checkpoint"];
export const SESSION_CHANNELS = ["whatsapp", "linkedin"] as const;
export type SessionChannel = (typeof SESSION_CHANNELS)[number];

const uuid = z.uuid();
/** Phone numbers travel as digits with country code (E.164 without "+"). */
export const PhoneDigits = z
  .string()
  .transform((s) => s.replace(/[\s()+.-]/g, ""))
  .pipe(z.string().regex(/^[0-9]{6,20}$/, "must be a phone number with country code"));

/**
 * The rep's own LinkedIn browser session (decision 020): the `li_at` cookie, and `JSESSIONID` when they have it
 * (LinkedIn checks it as the CSRF token; without it the host asks LinkedIn for a fresh one). Never logged.
 */
export const LinkedinCookie = z.object({
  liAt: z
    .string()
    .trim()
    .min(10)
    .max(4000)
    .regex(/^[A-Za-z0-9_\-.~%=+/]+$/, "must be the li_at cookie's value"),
  jsessionId: z
    .string()
    .trim()
    .transform((s) => s.replace(/^"|"$/g, ""))
    .pipe(z.string().regex(/^ajax:[0-9]{5,30}$/, "must look like ajax:123…"))
    .optional(),
});
export type LinkedinCookie = z.infer<typeof LinkedinCookie>;

/** One flat object (not a union by channel), so a bad body gets every wrong field named at once. */
export const CreateSessionBody = z
  .object({
    workspaceId: uuid,
    channel: z.enum(SESSION_CHANNELS),
    name: z.string().trim().min(1).max(100),
    /** LinkedIn only, and required there. */
    cookie: LinkedinCookie.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.channel === "linkedin") !== (body.cookie !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["cookie"],
        message: body.cookie ? "only LinkedIn sessions take a cookie" : "required for LinkedIn",
      });
  });
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const ReconnectBody = z.object({ cookie: LinkedinCookie.optional() });

export const PairingCodeBody = z.object({ phone: PhoneDigits });

export const SendMessageBody = z
  .object({
    /** WhatsApp: the recipient's phone digits or a full WhatsApp JID. LinkedIn: their profile URL. */
    to: z.string().trim().min(3).max(200),
    text: z.string().min(1).max(4096).optional(),
    media: z
      .object({ url: z.url().max(2000), type: z.string().min(1).max(100), caption: z.string().max(1024).optional() })
      .optional(),
    idempotencyKey: z.string().min(1).max(200),
    /** An answer to the contact's own message: pacing keeps part of each day's cap for replies. */
    reply: z.boolean().default(false),
    /** IANA zone of the recipient: quiet hours are theirs, not ours. */
    recipientTimeZone: z.string().min(1).max(64).optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.media === undefined), { message: "give exactly one of text or media" });
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const SessionView = z.object({
  id: uuid,
  workspaceId: uuid,
  channel: z.enum(SESSION_CHANNELS),
  name: z.string(),
  status: z.enum(SESSION_STATUSES),
  reason: z.string().nullable(),
  phone: z.string().nullable(),
  /** Sending is paused (by a teammate, or by the host on a rate-limit or ban signal; `reason` says which). */
  paused: z.boolean(),
  pausedUntil: z.string().nullable(),
  pacing: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;

export const QrView = z.object({ qr: z.string(), at: z.string() });
export const PairingCodeView = z.object({ code: z.string() });
export const SendAccepted = z.object({
  providerMessageId: z.string(),
  status: z.enum(["queued", "sending", "sent", "failed"]),
  /** True when this idempotency key had been accepted before: nothing new was queued. */
  duplicate: z.boolean(),
});
export type SendAccepted = z.infer<typeof SendAccepted>;

const at = z.iso.datetime({ offset: true });
export const HostEvent = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("message"),
    eventId: z.string(),
    /** Absent: WhatsApp (hosts before LinkedIn did not say). */
    channel: z.enum(SESSION_CHANNELS).optional(),
    sessionId: uuid,
    providerMessageId: z.string(),
    from: z.object({ phone: z.string().optional(), handle: z.string(), name: z.string().optional() }),
    body: z.string(),
    at,
  }),
  z.object({
    kind: z.literal("status"),
    eventId: z.string(),
    channel: z.enum(SESSION_CHANNELS).optional(),
    sessionId: uuid,
    providerMessageId: z.string(),
    status: z.enum(["sent", "delivered", "read", "failed"]),
    errorCode: z.string().optional(),
    at,
  }),
  z.object({
    kind: z.literal("session"),
    eventId: z.string(),
    channel: z.enum(SESSION_CHANNELS).optional(),
    sessionId: uuid,
    workspaceId: uuid,
    status: z.enum(SESSION_STATUSES),
    reason: z.string().nullable(),
    phone: z.string().nullable(),
    at,
  }),
]);
export type HostEvent = z.infer<typeof HostEvent>;
/** An event before the outbox gives it its delivery id. */
export type HostEventDraft = HostEvent extends infer E
  ? E extends { eventId: string }
    ? Omit<E, "eventId">
    : never
  : never;

export const HostWebhookBody = z.object({ events: z.array(HostEvent).min(1).max(100) });
export const HOST_WEBHOOK_PATH = "/api/hooks/session-host";

/** The one error envelope, as the Worker uses it. */
export interface HostErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
