// Every pacing limit is a setting with a default that keeps a WhatsApp number safe without tuning (the
// reasons are in session-host/README.md, "Pacing"). Parse whatever config the host has with
// `PacingSettingsSchema.parse(input ?? {})`; a missing field takes its default.
import { z } from "zod";
import { isTimeZone } from "./zoned-time.ts";

const Ms = z.number().int().min(0);
const Hour = z.number().int().min(0).max(23);
const TimeZone = z.string().refine(isTimeZone, { message: "not an IANA time zone" });

/** The settings without their cross-field rules: the shape `PacingSettingsPatchSchema` is built from. */
const PacingSettingsObject = z.object({
  /** The sender's own zone: its day boundary for caps and warm-up, and the quiet-hours zone when the
   * recipient's is unknown. */
  timeZone: TimeZone.default("UTC"),
  /** Token bucket of `perMinute` tokens; a spent token comes back 60 s after it was spent, so no 60-s
   * window ever holds more than `perMinute` sends. */
  perMinute: z.number().int().min(1).max(60).default(5),
  /** Random gap between two sends of one number, drawn anew after every send. */
  gapMinMs: Ms.default(30_000),
  gapMaxMs: Ms.default(60_000),
  /** Messages per local day for a warmed-up number. */
  dailyCap: z.number().int().min(1).default(200),
  /** A new number's cap on its first day; the cap grows geometrically to `dailyCap` on day `warmupDays`. */
  warmupFirstDayCap: z.number().int().min(1).default(20),
  warmupDays: z.number().int().min(1).default(14),
  /** First messages to people who never talked with the number, per local day (scaled down during warm-up). */
  newContactsPerDay: z.number().int().min(1).default(50),
  /** Minimum time between two first messages to new contacts. */
  newContactGapMs: Ms.default(5 * 60_000),
  /** Share of each day's cap that only replies may use, so a campaign cannot leave a lead who answered
   * waiting until tomorrow. */
  replyReserveShare: z.number().min(0).max(0.9).default(0.2),
  /** Local hours (recipient's zone) from which nothing is sent, until `quietEndHour`. Equal: no quiet hours. */
  quietStartHour: Hour.default(21),
  quietEndHour: Hour.default(8),
  /** Typing indicator before each send: proportional to the text, clamped, with ± `typingJitter` spread. */
  typingMsPerChar: Ms.default(60),
  typingMinMs: Ms.default(1_500),
  typingMaxMs: Ms.default(12_000),
  typingJitter: z.number().min(0).max(0.9).default(0.2),
  /** First rate-limit cool-down; each further rate limit within 24 h doubles it, up to the maximum. */
  rateLimitCooldownMs: Ms.default(60 * 60_000),
  rateLimitMaxCooldownMs: Ms.default(24 * 60 * 60_000),
});

export const PacingSettingsSchema = PacingSettingsObject.refine((s) => s.gapMaxMs >= s.gapMinMs, {
  message: "gapMaxMs must be ≥ gapMinMs",
  path: ["gapMaxMs"],
})
  .refine((s) => s.typingMaxMs >= s.typingMinMs, {
    message: "typingMaxMs must be ≥ typingMinMs",
    path: ["typingMaxMs"],
  })
  .refine((s) => s.warmupFirstDayCap <= s.dailyCap, { message: "warm-up must start at or below dailyCap" });

/**
 * A change to some settings: only the keys sent, each checked on its own, no defaults filled in (zod's
 * `.partial()` would fill every missing key with its WhatsApp default). The merged result still goes through
 * `PacingSettingsSchema` for the cross-field rules.
 */
export const PacingSettingsPatchSchema = z.object(
  Object.fromEntries(
    Object.entries(PacingSettingsObject.shape).map(([key, field]) => [key, field.removeDefault().optional()]),
  ) as unknown as {
    [K in keyof typeof PacingSettingsObject.shape]: z.ZodOptional<
      z.ZodType<z.output<(typeof PacingSettingsObject.shape)[K]>>
    >;
  },
);

export type PacingSettings = z.output<typeof PacingSettingsSchema>;
export type PacingSettingsInput = z.input<typeof PacingSettingsSchema>;

export const DEFAULT_PACING_SETTINGS: PacingSettings = PacingSettingsSchema.parse({});

/** A number's limits for one of its local days: messages in all, messages other than replies (the rest is
 * kept for replies), and first messages to new contacts. */
export type DayLimits = { messages: number; nonReplies: number; newContacts: number; warmingUp: boolean };

/**
 * `dayOfNumber` is 1 on the number's first day. Warm-up grows the cap by the same factor every day
 * (20 → 200 over 14 days is ×1.19 a day), gentle at first when a new number is most fragile; the new-contact
 * allowance shrinks in proportion, so a day-1 number greets at most 5 strangers.
 */
export function dayLimits(settings: PacingSettings, dayOfNumber: number | null): DayLimits {
  const { dailyCap, warmupFirstDayCap, warmupDays } = settings;
  const warmingUp = dayOfNumber !== null && dayOfNumber < warmupDays && warmupFirstDayCap < dailyCap;
  const messages = warmingUp
    ? Math.min(
        dailyCap,
        Math.round(
          warmupFirstDayCap * (dailyCap / warmupFirstDayCap) ** ((Math.max(1, dayOfNumber) - 1) / (warmupDays - 1)),
        ),
      )
    : dailyCap;
  const nonReplies = Math.max(1, messages - Math.floor(messages * settings.replyReserveShare));
  const newContacts = Math.min(nonReplies, Math.max(1, Math.floor((settings.newContactsPerDay * messages) / dailyCap)));
  return { messages, nonReplies, newContacts, warmingUp };
}
