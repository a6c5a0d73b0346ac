// Which pacing a session runs with, and what a change to its limits stores.
import { describe, expect, test } from "bun:test";
import type { SessionRow, SessionsRepo } from "../store/sessions.repo";
import { PacingStore } from "./pacing.store";

const row = (channel: SessionRow["channel"], pacing_settings: Record<string, unknown> = {}) =>
  ({ id: crypto.randomUUID(), channel, pacing_settings }) as SessionRow;
const store = (defaults: Record<string, unknown> = {}) => new PacingStore({} as SessionsRepo, defaults);

describe("a session's pacing", () => {
  test("changing one LinkedIn limit stores that key only: the others keep LinkedIn's defaults", () => {
    const pacing = store();
    const stored = pacing.overridesAfter(row("linkedin", { gapMinMs: 50_000 }), { quietEndHour: 9 });
    expect(stored).toEqual({ gapMinMs: 50_000, quietEndHour: 9 });
    const settings = pacing.settingsOf(row("linkedin", stored));
    expect(settings).toMatchObject({ dailyCap: 80, perMinute: 1, gapMinMs: 50_000, quietEndHour: 9 });
  });

  test("the merged result is checked whole: warm-up above the cap, a LinkedIn cap above 150, a bad key", () => {
    const pacing = store();
    expect(() => pacing.overridesAfter(row("linkedin"), { warmupFirstDayCap: 90 })).toThrow("warm-up");
    expect(() => pacing.overridesAfter(row("linkedin"), { dailyCap: 151 })).toThrow("at most 150");
    expect(pacing.overridesAfter(row("whatsapp"), { dailyCap: 300 })).toEqual({ dailyCap: 300 });
    expect(() => pacing.overridesAfter(row("whatsapp"), { perMinute: 0 })).toThrow();
  });

  test("host-wide defaults do not loosen LinkedIn's own; a LinkedIn-named default does", () => {
    const hostWide = store({ dailyCap: 300, gapMinMs: 0, gapMaxMs: 0, typingMaxMs: 20_000 });
    expect(hostWide.settingsOf(row("whatsapp"))).toMatchObject({ dailyCap: 300, gapMinMs: 0 });
    expect(hostWide.settingsOf(row("linkedin"))).toMatchObject({ dailyCap: 80, gapMinMs: 45_000, gapMaxMs: 120_000 });
    // What LinkedIn does not set, the host-wide defaults fill.
    expect(hostWide.settingsOf(row("linkedin")).timeZone).toBe("UTC");
    const named = store({ dailyCap: 300, linkedin: { gapMinMs: 0, gapMaxMs: 0 } });
    expect(named.settingsOf(row("linkedin"))).toMatchObject({ dailyCap: 80, gapMinMs: 0, gapMaxMs: 0 });
    expect(named.settingsOf(row("whatsapp"))).toMatchObject({ dailyCap: 300, gapMinMs: 30_000 });
    // A session's own limits win over every default.
    expect(named.settingsOf(row("linkedin", { dailyCap: 60 })).dailyCap).toBe(60);
  });
});
