// Each channel's pacing defaults over the engine's (which are a WhatsApp number's). The Worker imports these too,
// so the limits it shows for a LinkedIn account are the ones the host applies.
import type { SessionChannel } from "../protocol/api";

/**
 * LinkedIn (decision 020): well under the limits LinkedIn is known to enforce on personal accounts (roughly
 * 100–150 messages a day): 80 a day, one at a time with 45–120 s random gaps, a week of warm-up, office hours,
 * and a longer cool-down after a 429.
 */
export const CHANNEL_PACING_DEFAULTS: Record<SessionChannel, Record<string, unknown>> = {
  whatsapp: {},
  linkedin: {
    perMinute: 1,
    gapMinMs: 45_000,
    gapMaxMs: 120_000,
    dailyCap: 80,
    warmupFirstDayCap: 20,
    warmupDays: 7,
    newContactsPerDay: 40,
    newContactGapMs: 3 * 60_000,
    quietStartHour: 20,
    quietEndHour: 8,
    typingMsPerChar: 30,
    typingMinMs: 2_000,
    typingMaxMs: 8_000,
    rateLimitCooldownMs: 2 * 60 * 60_000,
  },
};

/** Ceilings a rep cannot raise a channel's limits past: LinkedIn restricts accounts sending much above ~150 a day. */
export const CHANNEL_PACING_LIMITS: Record<SessionChannel, Record<string, number>> = {
  whatsapp: {},
  linkedin: { dailyCap: 150 },
};
