// bench/pacing — a week of WhatsApp traffic for 10 numbers on a fake clock, driven through the session-host's
// pacing engine exactly as the host calls it (planSend → send at `at` → recordSent; signals → pauseFor), then
// every send re-checked by the independent audit against the settings. Prints cap violations (must be 0),
// messages delivered (total and per number), messages still waiting at the end, and request → send waits.
// Traffic: campaign bursts far above the caps, daily follow-ups, replies at any hour, recipients in 9 zones
// (one unknown), numbers in warm-up and warmed, a US DST change, rate limits, a restriction and a ban.
import { type AuditedPause, type AuditedSend, auditSends } from "../session-host/src/pacing/pacing-audit.ts";
import { type PacingSettings, PacingSettingsSchema } from "../session-host/src/pacing/pacing-settings.ts";
import { classifySignal, type SessionSignal, pauseFor, resume } from "../session-host/src/pacing/pause-signals.ts";
import { type Rng, seededRng } from "../session-host/src/pacing/seeded-rng.ts";
import { planSend, recordSent, type SendPlan } from "../session-host/src/pacing/sender-pacer.ts";
import { createSenderState, type SenderState } from "../session-host/src/pacing/sender-state.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse("2026-03-05T00:00:00Z"); // US clocks spring forward on Sunday 8 March
const END = START + 7 * DAY;
const RECIPIENT_ZONES = [
  "America/New_York",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Not/AZone", // the Worker sent junk: the sender's zone applies
];
const KINDS = ["reply", "follow_up", "campaign"] as const; // host priority: replies first
type Kind = (typeof KINDS)[number];
type Message = { arrival: number; kind: Kind; newContact: boolean; zone: string; textLength: number };
type Scripted = { at: number; signal?: SessionSignal; resumeBy?: "rep" };
type Sender = { name: string; zone: string; warmupStartedAt: number | null; scripted: Scripted[] };

const SENDERS: Sender[] = [
  { name: "new-1", zone: "UTC", warmupStartedAt: START, scripted: [] },
  { name: "new-2", zone: "Europe/Berlin", warmupStartedAt: START, scripted: [] },
  { name: "new-3", zone: "America/New_York", warmupStartedAt: START + 2 * DAY, scripted: [] },
  { name: "warming-1", zone: "Asia/Kolkata", warmupStartedAt: START - 6 * DAY, scripted: [] },
  { name: "warming-2", zone: "America/Sao_Paulo", warmupStartedAt: START - 10 * DAY, scripted: [] },
  { name: "warm-1", zone: "UTC", warmupStartedAt: null, scripted: [] },
  {
    name: "warm-rate-limited",
    zone: "Europe/London",
    warmupStartedAt: null,
    scripted: [
      { at: START + 1 * DAY + 14 * HOUR, signal: { source: "send_error", statusCode: 429, message: "rate-overlimit" } },
      { at: START + 1 * DAY + 16 * HOUR, signal: { source: "send_error", statusCode: 429, message: "rate-overlimit" } },
    ],
  },
  {
    name: "warm-restricted",
    zone: "Europe/Berlin",
    warmupStartedAt: null,
    scripted: [
      { at: START + 3 * DAY + 10 * HOUR, signal: { source: "ack_error", statusCode: 463 } },
      { at: START + 4 * DAY + 9 * HOUR, resumeBy: "rep" },
    ],
  },
  {
    name: "warm-logged-out",
    zone: "America/Los_Angeles",
    warmupStartedAt: null,
    scripted: [{ at: START + 2 * DAY + 18 * HOUR, signal: { source: "disconnect", statusCode: 401 } }],
  },
  {
    name: "warm-banned",
    zone: "Asia/Tokyo",
    warmupStartedAt: null,
    scripted: [{ at: START + 5 * DAY + 3 * HOUR, signal: { source: "disconnect", statusCode: 403 } }],
  },
];

/** Per number: two campaigns of 400 new contacts (days 1 and 4), 150 follow-ups a day, ~40 replies a day. */
function traffic(rng: Rng): Message[] {
  const pick = () => RECIPIENT_ZONES[Math.floor(rng() * RECIPIENT_ZONES.length)]!;
  const text = () => 40 + Math.floor(rng() * 360);
  const out: Message[] = [];
  for (const day of [0, 3]) {
    for (let i = 0; i < 400; i++) {
      out.push({
        arrival: START + day * DAY + 9 * HOUR,
        kind: "campaign",
        newContact: true,
        zone: pick(),
        textLength: text(),
      });
    }
  }
  for (let day = 0; day < 7; day++) {
    for (let i = 0; i < 150; i++) {
      out.push({
        arrival: START + day * DAY + 10 * HOUR,
        kind: "follow_up",
        newContact: false,
        zone: pick(),
        textLength: text(),
      });
    }
    for (let i = 0; i < 40; i++) {
      const arrival = START + day * DAY + Math.floor(rng() * DAY);
      out.push({ arrival, kind: "reply", newContact: false, zone: pick(), textLength: 10 + Math.floor(rng() * 150) });
    }
  }
  return out.sort((a, b) => a.arrival - b.arrival);
}

type Outcome = {
  sends: (AuditedSend & { waited: number; kind: Kind })[];
  pauses: AuditedPause[];
  waiting: number;
  plans: number;
  waitsBy: Record<string, number>;
  notes: string[];
};

/** One number as the host runs it: a queue per (kind, zone, new contact), the head of each planned, the
 * sendable one with the best priority goes; otherwise sleep until the earliest `until`, arrival or signal. */
function runSender(sender: Sender, settings: PacingSettings, seed: number): Outcome {
  const rng = seededRng(seed);
  const queue = traffic(seededRng(seed * 7919));
  const scripted = [...sender.scripted];
  let state: SenderState = {
    ...createSenderState(settings, { now: START, newNumber: sender.warmupStartedAt !== null }, rng),
    warmupStartedAt: sender.warmupStartedAt,
  };
  const lanes = new Map<string, Message[]>();
  const out: Outcome = { sends: [], pauses: [], waiting: 0, plans: 0, waitsBy: {}, notes: [] };
  // A lane that must wait is not planned again before its `until`: sends only make limits stricter (a
  // slightly different typing time next round is absorbed by planning again then). Pauses and resumes reset it.
  let cache = new Map<string, SendPlan>();
  let next = 0;
  let now = START;
  while (now < END) {
    for (; next < queue.length && queue[next]!.arrival <= now; next++) {
      const m = queue[next]!;
      const key = `${KINDS.indexOf(m.kind)}|${m.zone}|${m.newContact}`;
      lanes.set(key, [...(lanes.get(key) ?? []), m]);
    }
    while (scripted.length > 0 && scripted[0]!.at <= now) {
      const event = scripted.shift()!;
      cache = new Map();
      if (event.resumeBy) {
        state = resume(state);
        for (const p of out.pauses) if (p.until === null || p.until > event.at) p.until = event.at;
        out.notes.push(`resumed by a rep at ${iso(event.at)}`);
        continue;
      }
      const verdict = classifySignal(event.signal!);
      if (verdict.action === "pause") {
        state = pauseFor(state, settings, { reason: verdict.reason, at: event.at, detail: verdict.detail });
        const p = state.pauses.at(-1)!;
        out.pauses.push({ from: p.at, until: p.until, scope: p.scope });
        out.notes.push(
          `${verdict.reason} at ${iso(p.at)} → ${p.until ? `until ${iso(p.until)}` : "until a rep resumes"}`,
        );
      } else
        out.notes.push(
          `${verdict.action === "session" ? verdict.state : "ignored"} at ${iso(event.at)} (no pacing pause)`,
        );
    }
    let wake = Math.min(queue[next]?.arrival ?? END, scripted[0]?.at ?? END, END);
    let best: { key: string; m: Message; at: number } | null = null;
    for (const [key, lane] of [...lanes].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const m = lane[0];
      if (!m) continue;
      let plan = cache.get(key);
      if (plan?.kind !== "wait" || plan.until <= now) {
        plan = planSend(state, settings, {
          now,
          newContact: m.newContact,
          reply: m.kind === "reply",
          textLength: m.textLength,
          recipientTimeZone: m.zone,
        });
        out.plans++;
        if (plan.kind === "wait") out.waitsBy[plan.why] = (out.waitsBy[plan.why] ?? 0) + 1;
        cache.set(key, plan);
      }
      if (plan.kind === "send_at") {
        const rank = (x: Message) => KINDS.indexOf(x.kind) * 10 * DAY + x.arrival; // priority, then first come
        if (!best || rank(m) < rank(best.m)) best = { key, m, at: plan.at };
        if (KINDS.indexOf(m.kind) === 0) break; // lanes are sorted by priority: nothing beats a reply
      } else wake = Math.min(wake, plan.until ?? END);
    }
    // The host holds a committed send; a signal landing while it types is seen first (as at the socket).
    if (best && best.at < Math.min(scripted[0]?.at ?? END, END)) {
      lanes.get(best.key)!.shift();
      out.sends.push({
        at: best.at,
        newContact: best.m.newContact,
        reply: best.m.kind === "reply",
        recipientTimeZone: best.m.zone,
        waited: best.at - best.m.arrival,
        kind: best.m.kind,
      });
      state = recordSent(state, settings, { at: best.at, newContact: best.m.newContact }, rng);
      cache.delete(best.key);
      now = best.at;
    } else now = Math.max(now + 1, wake);
  }
  out.waiting = queue.length - out.sends.length;
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(5, 16).replace("T", " ");
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const hours = (ms: number) => (ms < HOUR ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / HOUR).toFixed(1)} h`);
const waits = (sends: Outcome["sends"]) =>
  `p50 ${hours(
    percentile(
      sends.map((s) => s.waited),
      50,
    ),
  )}, p95 ${hours(
    percentile(
      sends.map((s) => s.waited),
      95,
    ),
  )} (n=${sends.length})`;

const started = performance.now();
const all: Outcome["sends"] = [];
const warmedReplies: Outcome["sends"] = [];
const violations: Record<string, number> = {};
let waitingTotal = 0;
let plans = 0;
const waitsBy: Record<string, number> = {};
console.log("number              zone                 sent  (new)  waiting  max/day  notes");
SENDERS.forEach((sender, i) => {
  const settings = PacingSettingsSchema.parse({ timeZone: sender.zone });
  const outcome = runSender(sender, settings, 1000 + i);
  const found = auditSends(settings, { warmupStartedAt: sender.warmupStartedAt }, outcome.sends, outcome.pauses);
  for (const v of found) violations[v.rule] = (violations[v.rule] ?? 0) + 1;
  for (const [why, n] of Object.entries(outcome.waitsBy)) waitsBy[why] = (waitsBy[why] ?? 0) + n;
  all.push(...outcome.sends);
  if (sender.warmupStartedAt === null) warmedReplies.push(...outcome.sends.filter((s) => s.kind === "reply"));
  waitingTotal += outcome.waiting;
  plans += outcome.plans;
  const perDay = new Map<string, number>();
  const localDay = new Intl.DateTimeFormat("en-CA", { timeZone: sender.zone });
  for (const s of outcome.sends) {
    const day = localDay.format(s.at);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const row = [
    sender.name.padEnd(19),
    sender.zone.padEnd(20),
    String(outcome.sends.length).padStart(5),
    `(${outcome.sends.filter((s) => s.newContact).length})`.padStart(6),
    String(outcome.waiting).padStart(8),
    String(Math.max(0, ...perDay.values())).padStart(8),
  ];
  console.log(`${row.join(" ")}  ${outcome.notes.join("; ")}`);
});
const violationCount = Object.values(violations).reduce((a, b) => a + b, 0);
console.log("");
console.log(
  `cap violations (independent audit): ${violationCount}${violationCount ? ` ${JSON.stringify(violations)}` : ""}   must be 0`,
);
console.log(
  `messages delivered: ${all.length} (${all.filter((s) => s.newContact).length} to new contacts); still waiting at the end of the week: ${waitingTotal}`,
);
console.log(`wait request → send, all:         ${waits(all)}`);
for (const kind of KINDS) console.log(`  ${kind.padEnd(31)} ${waits(all.filter((s) => s.kind === kind))}`);
console.log(`  reply, warmed numbers only       ${waits(warmedReplies)}`);
console.log(`plans that said wait, by reason: ${JSON.stringify(waitsBy)}`);
console.log(`${plans} planSend calls, simulated in ${((performance.now() - started) / 1000).toFixed(2)} s`);
if (violationCount > 0) process.exitCode = 1;
