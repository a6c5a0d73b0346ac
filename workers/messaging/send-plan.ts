// The first half of a send (decision 016), for all of one lead's messages in a queue batch at once: load the
// messages and the lead's channel options, re-check policy (the authority: suppression, sample leads,
// account, reply window, quiet-hour holds, per-sender caps) and record an attempt for every message that will
// go out now — one transaction, however many messages the lead has in the batch.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import type { Tx } from "../db/tenant";
import { findLead } from "../repos/leads.repo";
import { countRecentSends, findMessages, recordSendAttempts } from "../repos/message-batches.repo";
import type { MessageRecord } from "../repos/messages.repo";
import { leadChannels } from "./channel-options";
import type { ChannelOption, LeadChannels } from "./channel-options";
import { isHumanOrigin, windowClosedReason, windowOpen } from "./policy";
import type { Block } from "./policy";

/** What happens to one message of the batch, in the order the ids were given. */
export type PlannedSend =
  | { step: "skip"; status: string }
  | { step: "hold"; delaySeconds: number; reason: "quiet_hours" | "sender_cap" }
  | { step: "fail"; message: MessageRecord; lc: LeadChannels | undefined; block: Block }
  | { step: "send"; message: MessageRecord; option: ChannelOption; lc: LeadChannels };

/** Loads, checks and plans the sends; `attempts` already counts the send about to happen. */
export function planSends(db: Db, workspaceId: string, ids: readonly string[], now: Date): Promise<PlannedSend[]> {
  return asService(db, async (tx) => {
    const found = new Map((await findMessages(tx, workspaceId, ids)).map((m) => [m.id, m] as const));
    const channels = new Map<string, LeadChannels | undefined>();
    for (const m of found.values()) {
      if (m.status !== "queued" || channels.has(m.leadId)) continue;
      const lead = await findLead(tx, workspaceId, m.leadId);
      channels.set(m.leadId, lead ? await leadChannels(tx, workspaceId, lead, now) : undefined);
    }
    const seen = new Set<string>();
    const plan = ids.map((id): PlannedSend => {
      const message = found.get(id);
      // The same message twice in one batch (a sweep's job next to the original): sent once.
      if (seen.has(id)) return { step: "skip", status: "in_batch" };
      seen.add(id);
      if (message?.status !== "queued") return { step: "skip", status: message?.status ?? "missing" };
      // Already accepted by a provider that sends later: sending again would only ask for the same message twice.
      if (message.providerMessageId) return { step: "skip", status: "accepted" };
      if (message.holdUntil && message.holdUntil > now)
        return { step: "hold", delaySeconds: secondsUntil(message.holdUntil, now), reason: "quiet_hours" };
      const lc = channels.get(message.leadId);
      const option = lc?.options.find((o) => o.channel === message.channel);
      if (!lc || !option) return { step: "fail", message, lc, block: LEAD_GONE };
      const block = blockAtSend(message, option, now);
      return block ? { step: "fail", message, lc, block } : { step: "send", message, option, lc };
    });
    await applyCaps(tx, plan, now);
    const byAccount = new Map<string, string[]>();
    for (const p of plan)
      if (p.step === "send")
        byAccount.set(p.option.account!.id, [...(byAccount.get(p.option.account!.id) ?? []), p.message.id]);
    for (const [accountId, sendIds] of byAccount) await recordSendAttempts(tx, workspaceId, sendIds, accountId);
    return plan;
  });
}

const LEAD_GONE: Block = { code: "no_adapter", reason: "The lead no longer exists." };

function secondsUntil(at: Date, now: Date): number {
  return Math.ceil((at.getTime() - now.getTime()) / 1000);
}

/**
 * The suppression / sample / account / window checks, except a system message may reach an opted-out person,
 * and the human-agent window (which the options grant, see channel-options.ts) is a person's only.
 */
function blockAtSend(message: MessageRecord, option: ChannelOption, now: Date): Block | null {
  if (!option.block) {
    const caps = option.adapter?.capabilities;
    const lastInboundAt = option.conversation?.lastInboundAt ?? null;
    if (caps?.humanAgentWindowHours && !isHumanOrigin(message.origin) && !windowOpen(caps, lastInboundAt, now))
      return { code: "window_closed", reason: windowClosedReason(option.label, caps, false) };
    return null;
  }
  if (message.origin === "system" && option.block.code === "suppressed") return null;
  return option.block;
}

/**
 * Per-sender caps, counted once per account for the batch: messages past the day's cap wait an hour, past
 * the minute's cap a minute — the same answer each would get when checked one after another.
 */
async function applyCaps(tx: Tx, plan: PlannedSend[], now: Date) {
  const counts = new Map<string, { minute: number; day: number }>();
  for (const [i, p] of plan.entries()) {
    if (p.step !== "send") continue;
    const { caps } = p.option.adapter!.capabilities;
    const accountId = p.option.account!.id;
    let count = counts.get(accountId);
    if (!count) {
      count = await countRecentSends(tx, accountId, now);
      counts.set(accountId, count);
    }
    if (count.day >= caps.perDay) plan[i] = { step: "hold", delaySeconds: 3600, reason: "sender_cap" };
    else if (count.minute >= caps.perMinute) plan[i] = { step: "hold", delaySeconds: 60, reason: "sender_cap" };
    else {
      count.minute++;
      count.day++;
    }
  }
}
