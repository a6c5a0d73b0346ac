import { expect, test } from "bun:test";
import { DEFAULT_PACING_SETTINGS, dayLimits, PacingSettingsSchema } from "./pacing-settings.ts";

test("an empty config gives the safe defaults", () => {
  expect(DEFAULT_PACING_SETTINGS).toMatchObject({
    timeZone: "UTC",
    perMinute: 5,
    gapMinMs: 30_000,
    gapMaxMs: 60_000,
    dailyCap: 200,
    warmupFirstDayCap: 20,
    warmupDays: 14,
    newContactsPerDay: 50,
    newContactGapMs: 300_000,
    replyReserveShare: 0.2,
    quietStartHour: 21,
    quietEndHour: 8,
  });
});

test.each([
  [{ timeZone: "Not/AZone" }, "timeZone"],
  [{ gapMinMs: 60_000, gapMaxMs: 30_000 }, "gapMaxMs"],
  [{ perMinute: 0 }, "perMinute"],
  [{ quietStartHour: 24 }, "quietStartHour"],
])("rejects %j", (input, field) => {
  const result = PacingSettingsSchema.safeParse(input);
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.path.join("."))).toContain(field);
});

test("warm-up climbs every day from the first-day cap to the daily cap, new contacts in proportion", () => {
  const days = Array.from({ length: 16 }, (_, i) => dayLimits(DEFAULT_PACING_SETTINGS, i + 1));
  expect(days[0]).toEqual({ messages: 20, nonReplies: 16, newContacts: 5, warmingUp: true });
  for (let i = 1; i < days.length; i++) expect(days[i]!.messages).toBeGreaterThanOrEqual(days[i - 1]!.messages);
  expect(days[12]!.messages).toBeLessThan(200); // day 13 still warming
  const full = { messages: 200, nonReplies: 160, newContacts: 50, warmingUp: false };
  expect(days[13]).toEqual(full); // day 14 on: the full cap
  expect(dayLimits(DEFAULT_PACING_SETTINGS, null)).toEqual(full);
});
