// Opt-outs (decision 016): who may not be messaged, on one channel or on all. The same identity list is used
// to suppress and to check (the send path's policy calls findSuppression with suppressionIdentities), so a
// person suppressed under one identity is found under it again, whichever lead record they turn up as.
import type { Db } from "../db/client";
import type { MessageChannel } from "../db/schema";
import { asService, asUser } from "../db/tenant";
import type { Tx } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { decodeCursor, encodeCursor } from "../lib/cursor";
import { asUserWithLiveEvents } from "../realtime/live-events";
import type { LiveEventSink } from "../realtime/live-events";
import { findLead } from "../repos/leads.repo";
import { insertSuppressions, listSuppressions } from "../repos/suppressions.repo";
import type { NewSuppression, SuppressionIdentity } from "../repos/suppressions.repo";
import type { Actor } from "../services/actor";
import { auditedBy, recordAudit } from "../services/audit.service";
import { normalizeEmail, normalizeLinkedinUrl, normalizePhone } from "../services/lead-identity";
import { emitLeadUpdated } from "./messaging-live";

/** What suppression needs to know about a lead. */
export interface SuppressibleLead {
  id: string;
  email: string | null;
  phone: string | null;
  linkedinUrl?: string | null;
  country?: string | null;
  contactChannels: unknown;
}

/**
 * One contact handle in normal form: phone numbers (WhatsApp, phone) as E.164, e-mail lower-case, LinkedIn as
 * its canonical profile URL, any other channel's handle as `<channel>:<handle>` (lower-case): the same
 * "alice" on X and on Instagram may be two people.
 */
export function handleIdentity(channel: string, handle: string, country?: string | null): SuppressionIdentity | null {
  const value = handle.trim();
  if (!value) return null;
  if (channel === "whatsapp" || channel === "phone") {
    const phone = normalizePhone(value, country);
    return phone ? { kind: "phone", value: phone } : { kind: "handle", value: `${channel}:${value.toLowerCase()}` };
  }
  if (channel === "email") {
    const email = normalizeEmail(value);
    return email ? { kind: "email", value: email } : null;
  }
  if (channel === "linkedin") {
    const url = normalizeLinkedinUrl(value);
    return { kind: "handle", value: `linkedin:${url ?? value.toLowerCase()}` };
  }
  return { kind: "handle", value: `${channel}:${value.toLowerCase()}` };
}

/**
 * Every identity of the lead that a suppression covers and a send-time check looks up: the lead itself, its
 * phone and e-mail, and its handles — on `channel` only when given (plus `handle`, the address being written
 * to or written from), or on every channel.
 */
export function suppressionIdentities(
  lead: SuppressibleLead,
  channel?: MessageChannel | null,
  handle?: string | null,
): SuppressionIdentity[] {
  const found: (SuppressionIdentity | null)[] = [{ kind: "lead", value: lead.id }];
  const phone = normalizePhone(lead.phone, lead.country);
  if (phone) found.push({ kind: "phone", value: phone });
  const email = normalizeEmail(lead.email);
  if (email) found.push({ kind: "email", value: email });
  if (lead.linkedinUrl && (!channel || channel === "linkedin"))
    found.push(handleIdentity("linkedin", lead.linkedinUrl));
  const channels = Array.isArray(lead.contactChannels)
    ? (lead.contactChannels as { channel?: unknown; handle?: unknown }[])
    : [];
  for (const c of channels) {
    if (typeof c.channel !== "string" || typeof c.handle !== "string") continue;
    if (channel && c.channel !== channel) continue;
    found.push(handleIdentity(c.channel, c.handle, lead.country));
  }
  if (channel && handle) found.push(handleIdentity(channel, handle, lead.country));
  const seen = new Set<string>();
  return found.filter((i): i is SuppressionIdentity => {
    if (!i || seen.has(`${i.kind}:${i.value}`)) return false;
    seen.add(`${i.kind}:${i.value}`);
    return true;
  });
}

/**
 * Suppresses the lead's identities (and `extra` ones, e.g. the handle an opt-out came from) on `channel`, or
 * on all channels when null. Returns the rows that were new: none when the person was already suppressed.
 */
export async function suppressLead(
  tx: Tx,
  live: LiveEventSink,
  workspaceId: string,
  lead: SuppressibleLead,
  opts: {
    channel: MessageChannel | null;
    extra?: SuppressionIdentity[];
    reason: string;
    source: NewSuppression["source"];
    createdBy: string | null;
  },
) {
  const identities = [...suppressionIdentities(lead, opts.channel), ...(opts.extra ?? [])];
  const unique = [...new Map(identities.map((i) => [`${i.kind}:${i.value}`, i])).values()];
  const added = await insertSuppressions(
    tx,
    unique.map((i) => ({
      workspaceId,
      leadId: lead.id,
      identityKind: i.kind,
      identityValue: i.value,
      channel: opts.channel,
      reason: opts.reason.slice(0, 500),
      source: opts.source,
      createdBy: opts.createdBy,
    })),
  );
  if (added.length > 0) emitLeadUpdated(live, lead.id, { optedOut: { channel: opts.channel, source: opts.source } });
  return added;
}

export function suppressionJson(row: Awaited<ReturnType<typeof listSuppressions>>[number]) {
  return {
    id: row.id,
    leadId: row.leadId,
    identityKind: row.identityKind,
    identityValue: row.identityValue,
    channel: row.channel,
    reason: row.reason,
    source: row.source,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
export type SuppressionJson = ReturnType<typeof suppressionJson>;

const ALL_OF_LEAD = 500;

/** `POST /api/leads/:id/opt-out`: idempotent; answers with every suppression the lead now has. */
export async function optOutLead(
  db: Db,
  actor: Actor,
  leadId: string,
  input: { channel?: MessageChannel; reason?: string },
) {
  const channel = input.channel ?? null;
  const { added, all } = await asUserWithLiveEvents(db, actor, async (tx, live) => {
    const lead = await findLead(tx, actor.workspaceId, leadId);
    if (!lead) throw new AppError("RESOURCE_NOT_FOUND", "No such lead.", { id: leadId });
    const added = await suppressLead(tx, live, actor.workspaceId, lead, {
      channel,
      reason: input.reason?.trim() || "Opted out by a team member",
      source: actor.apiKeyId ? "api" : "manual",
      createdBy: actor.userId,
    });
    return { added, all: await listSuppressions(tx, actor.workspaceId, { leadId }, ALL_OF_LEAD) };
  });
  if (added.length > 0)
    await asService(db, (tx) =>
      recordAudit(tx, {
        ...auditedBy(actor),
        event: "lead.opted_out",
        subject: leadId,
        details: { channel, identities: added.length },
      }),
    );
  return { suppressions: all.map(suppressionJson), added: added.length };
}

export async function listWorkspaceSuppressions(
  db: Db,
  actor: Actor,
  filters: { leadId?: string; channel?: MessageChannel },
  limit: number,
  cursor?: string,
) {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await asUser(db, actor.claims, (tx) =>
    listSuppressions(tx, actor.workspaceId, filters, limit + 1, after),
  );
  const page = rows.slice(0, limit);
  return {
    suppressions: page.map(suppressionJson),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}
