/** Pacing for tests: no gaps, typing or quiet hours, so a send goes out at once (pacing has its own tests). */
export const FAST_PACING = {
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
