// One number's pacing memory. The host keeps it in Postgres as JSON (one row per sending account) and
// restores it through `parseSenderState`, so every field is plain data.
import { z } from "zod";
import type { PacingSettings } from "./pacing-settings.ts";
import { PauseSchema } from "./pause-signals.ts";
import type { Rng } from "./seeded-rng.ts";

const Epoch = z.number().int();
const Count = z.number().int().min(0);

export const SenderStateSchema = z.object({
  version: z.literal(1),
  /** When the number started warming up; null for a number that needs no warm-up. */
  warmupStartedAt: Epoch.nullable(),
  /** The sender-local day (YYYY-MM-DD) that `sentToday` and `newContactsToday` count; null before any send. */
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  sentToday: Count,
  newContactsToday: Count,
  /** The last `perMinute` send times, oldest first: the spent tokens of the per-minute bucket. */
  recentSends: z.array(Epoch),
  lastSentAt: Epoch.nullable(),
  lastNewContactAt: Epoch.nullable(),
  /** Drawn after each send, so that planning the same message twice gives the same answer. */
  nextGapMs: Count,
  typingJitter: z.number().min(0).max(1),
  pauses: z.array(PauseSchema),
  /** Times of rate-limit pauses in the last 24 h (each one doubles the next cool-down). */
  rateLimitStrikes: z.array(Epoch),
});
export type SenderState = z.output<typeof SenderStateSchema>;

/** A fresh pacer for a number: `newNumber` starts its warm-up ramp today. */
export function createSenderState(
  settings: PacingSettings,
  init: { now: number; newNumber: boolean },
  rng: Rng,
): SenderState {
  return {
    version: 1,
    warmupStartedAt: init.newNumber ? init.now : null,
    day: null,
    sentToday: 0,
    newContactsToday: 0,
    recentSends: [],
    lastSentAt: null,
    lastNewContactAt: null,
    nextGapMs: drawGapMs(settings, rng),
    typingJitter: rng(),
    pauses: [],
    rateLimitStrikes: [],
  };
}

/** Throws (zod) on anything that is not a state this code wrote. */
export function parseSenderState(json: unknown): SenderState {
  return SenderStateSchema.parse(json);
}

export function drawGapMs(settings: PacingSettings, rng: Rng): number {
  return Math.round(settings.gapMinMs + rng() * (settings.gapMaxMs - settings.gapMinMs));
}
