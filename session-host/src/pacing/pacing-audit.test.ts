// The audit is what says "0 violations" in the bench and the property tests: it must catch each kind.
import { expect, test } from "bun:test";
import { type AuditedSend, type AuditRule, auditSends } from "./pacing-audit.ts";
import { DEFAULT_PACING_SETTINGS as settings } from "./pacing-settings.ts";

const at = (iso: string) => Date.parse(iso);
const noon = at("2026-03-05T12:00:00Z");
const every = (count: number, stepMs: number, from = noon, newContact = false, reply = false): AuditedSend[] =>
  Array.from({ length: count }, (_, i) => ({ at: from + i * stepMs, newContact, reply }));
const eight = at("2026-03-05T08:00:00Z");
const rules = (sends: AuditedSend[], warmupStartedAt: number | null = null, pauses = []) => [
  ...new Set(auditSends(settings, { warmupStartedAt }, sends, pauses).map((v) => v.rule)),
];

test.each<[string, AuditedSend[], number | null, AuditRule[]]>([
  [
    "a clean day: 160 others, 40 replies",
    [...every(160, 90_000, eight), ...every(40, 90_000, eight + 4 * 3_600_000, false, true)],
    null,
    [],
  ],
  ["161 non-replies in a day", every(161, 30_000, eight), null, ["daily_cap"]],
  ["gaps under 30 s", every(3, 20_000), null, ["gap"]],
  ["6 in a minute", every(6, 10_000), null, ["gap", "per_minute"]],
  ["201 replies in a day", every(201, 30_000, eight, false, true), null, ["daily_cap"]],
  ["21 replies on a new number's first day", every(21, 60_000, noon, false, true), noon, ["daily_cap"]],
  ["new contacts 2 min apart", every(2, 120_000, noon, true), null, ["new_contact_gap"]],
  ["51 new contacts in a day", every(51, 300_000, eight, true), null, ["new_contact_cap"]],
  [
    "23:00 in Tokyo",
    [{ at: at("2026-03-05T14:00:00Z"), newContact: false, recipientTimeZone: "Asia/Tokyo" }],
    null,
    ["quiet_hours"],
  ],
  [
    "22:00 UTC to an unknown zone",
    [{ at: at("2026-03-05T22:00:00Z"), newContact: false, recipientTimeZone: "X/Y" }],
    null,
    ["quiet_hours"],
  ],
])("%s", (_, sends, warmupStartedAt, expected) => {
  expect(rules(sends, warmupStartedAt).sort()).toEqual(expected.sort());
});

test("a send during a pause, and a reply during a new-contacts-only pause that is fine", () => {
  const pause = { from: noon, until: noon + 3_600_000, scope: "all" as const };
  expect(auditSends(settings, { warmupStartedAt: null }, every(1, 0, noon + 60_000), [pause])[0]?.rule).toBe("paused");
  const restriction = { from: noon, until: null, scope: "new_contacts" as const };
  expect(auditSends(settings, { warmupStartedAt: null }, every(1, 0, noon + 60_000), [restriction])).toEqual([]);
});
