// Property tests: random settings, random traffic, random rate limits, driven through the pacer the way the
// host does it; the independent audit must find nothing, and every message must go out eventually.
import { expect, test } from "bun:test";
import fc from "fast-check";
import { type AuditedPause, type AuditedSend, auditSends } from "./pacing-audit.ts";
import { PacingSettingsSchema } from "./pacing-settings.ts";
import { pauseFor } from "./pause-signals.ts";
import { seededRng } from "./seeded-rng.ts";
import { planSend, recordSent } from "./sender-pacer.ts";
import { createSenderState } from "./sender-state.ts";

const T0 = Date.parse("2026-03-05T00:00:00Z"); // a week before and after DST changes in the US and Chile
const HOUR = 3_600_000;
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney", "America/Santiago"];

const settingsArb = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    perMinute: fc.integer({ min: 1, max: 6 }),
    gapMinMs: fc.integer({ min: 0, max: 20_000 }),
    gapExtraMs: fc.integer({ min: 0, max: 40_000 }),
    dailyCap: fc.integer({ min: 3, max: 40 }),
    warmupFirstDayCap: fc.integer({ min: 1, max: 40 }),
    warmupDays: fc.integer({ min: 1, max: 5 }),
    newContactsPerDay: fc.integer({ min: 1, max: 12 }),
    newContactGapMs: fc.integer({ min: 0, max: 15 * 60_000 }),
    replyReserveShare: fc.constantFrom(0, 0.2, 0.5),
    quietStartHour: fc.integer({ min: 0, max: 23 }),
    quietEndHour: fc.integer({ min: 0, max: 23 }),
  })
  .map(({ gapExtraMs, ...s }) =>
    PacingSettingsSchema.parse({
      ...s,
      gapMaxMs: s.gapMinMs + gapExtraMs,
      warmupFirstDayCap: Math.min(s.warmupFirstDayCap, s.dailyCap),
    }),
  );

const requestArb = fc.record({
  arrival: fc.integer({ min: 0, max: 3 * 24 * HOUR }),
  newContact: fc.boolean(),
  reply: fc.boolean(),
  textLength: fc.integer({ min: 0, max: 400 }),
  zone: fc.constantFrom(...ZONES, "Not/AZone"),
});

test("no limit is ever broken and nothing is stuck, over random settings and traffic", () => {
  fc.assert(
    fc.property(
      settingsArb,
      fc.boolean(),
      fc.integer(),
      fc.array(requestArb, { minLength: 1, maxLength: 60 }),
      fc.array(fc.integer({ min: 0, max: 3 * 24 * HOUR }), { maxLength: 3 }),
      (settings, newNumber, seed, requests, rateLimits) => {
        const rng = seededRng(seed);
        let state = createSenderState(settings, { now: T0, newNumber }, rng);
        const pending = [...requests]
          .sort((a, b) => a.arrival - b.arrival)
          .map((r) => ({ ...r, arrival: T0 + r.arrival }));
        const signals = [...rateLimits].sort((a, b) => a - b).map((t) => T0 + t);
        const sends: AuditedSend[] = [];
        const pauses: AuditedPause[] = [];
        let now = T0;
        const horizon = T0 + 90 * 24 * HOUR;
        while (pending.length > 0 && now < horizon) {
          while (signals.length > 0 && signals[0]! <= now) {
            state = pauseFor(state, settings, { reason: "rate_limited", at: signals.shift()! });
            const p = state.pauses.at(-1)!;
            pauses.push({ from: p.at, until: p.until, scope: p.scope });
          }
          const arrived = pending.filter((r) => r.arrival <= now);
          const next = [pending.find((r) => r.arrival > now)?.arrival, signals[0]].filter((t) => t !== undefined);
          let wake = Math.min(...next, Number.POSITIVE_INFINITY);
          let sent = false;
          for (const r of arrived) {
            const plan = planSend(state, settings, {
              now,
              newContact: r.newContact,
              textLength: r.textLength,
              recipientTimeZone: r.zone,
            });
            if (plan.kind === "send_at") {
              if (plan.at > wake) break; // a signal may land while typing: plan again after it
              sends.push({ at: plan.at, newContact: r.newContact, reply: r.reply, recipientTimeZone: r.zone });
              state = recordSent(state, settings, { at: plan.at, newContact: r.newContact }, rng);
              pending.splice(pending.indexOf(r), 1);
              now = plan.at;
              sent = true;
              break;
            }
            wake = Math.min(wake, plan.kind === "wait" ? plan.until : (plan.until ?? horizon));
          }
          if (!sent) now = Math.max(now + 1, Math.min(wake, horizon));
        }
        expect(auditSends(settings, { warmupStartedAt: newNumber ? T0 : null }, sends, pauses)).toEqual([]);
        expect(pending).toEqual([]);
      },
    ),
    { numRuns: 150, seed: 20260305 },
  );
});
