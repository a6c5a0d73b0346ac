/** Pacing for tests: no gaps, typing or quiet hours, so a send goes out at once (pacing has its own tests). */
export const FAST_SETTINGS = {
  gapMinMs: 0,
  gapMaxMs: 0,
  typingMinMs: 0,
  typingMaxMs: 0,
  typingMsPerChar: 0,
  newContactGapMs: 0,
  perMinute: 60,
  quietStartHour: 0,
  quietEndHour: 0,
};

/**
 * A test host's SESSION_PACING_DEFAULTS: fast for WhatsApp (the flat keys) and, named, for LinkedIn, whose own
 * stricter defaults win over host-wide ones.
 */
export const FAST_PACING = { ...FAST_SETTINGS, linkedin: FAST_SETTINGS };
