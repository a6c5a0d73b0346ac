// The channel account as the API and the channels page see it: the stored row, and for WhatsApp the session-host's
// live view of it (status, pause, pacing limits) when the host answers.
import { CHANNEL_PACING_DEFAULTS } from "../../session-host/src/pacing/channel-pacing";
import { PacingSettingsSchema } from "../../session-host/src/pacing/pacing-settings";
import type { SessionView } from "../../session-host/src/protocol/api";
import type { LiveEventSink } from "../realtime/live-events";
import type { ChannelAccountRecord } from "../repos/channel-accounts.repo";
import { ACCOUNT_STATUS_OF, SESSION_HOST_PROVIDER } from "./channels/session-host.webhook";

export { SESSION_HOST_PROVIDER };

/** Workspace topic of the channels page (`/parties/live-room/<ws>.channels`). */
export const CHANNELS_TOPIC = "channels";

type AccountStatus = ChannelAccountRecord["status"];

/**
 * The status routing uses. A paired number that is only reconnecting stays `connected`: the host holds its sends
 * until the socket is back, so failing them over to another channel (or refusing them) would be wrong.
 */
export function routingStatus(
  next: AccountStatus,
  providerStatus: string,
  current: { status: AccountStatus; phone: string | null },
): AccountStatus {
  const reconnecting = providerStatus === "connecting" || providerStatus === "starting";
  return next === "pending" && reconnecting && current.status === "connected" && current.phone ? "connected" : next;
}

/** The pacing limits a rep sees and an admin may change; the host keeps the rest at their defaults. */
export const LIMIT_KEYS = [
  "perMinute",
  "gapMinMs",
  "gapMaxMs",
  "dailyCap",
  "warmupFirstDayCap",
  "warmupDays",
  "newContactsPerDay",
  "quietStartHour",
  "quietEndHour",
  "timeZone",
] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];
export type Limits = { [K in LimitKey]: K extends "timeZone" ? string : number };

export interface ChannelAccountJson {
  id: string;
  channel: ChannelAccountRecord["channel"];
  provider: string;
  name: string;
  status: AccountStatus;
  providerStatus: string | null;
  reason: string | null;
  phone: string | null;
  paused: boolean;
  pausedUntil: string | null;
  limits: Limits | null;
  /** WhatsApp: whether the session host answered just now (false: the stored state is shown). */
  hostReachable: boolean | null;
  createdAt: string;
}

/** The session's pacing settings over its channel's defaults, reduced to the limits shown. */
export function limitsOf(pacing: Record<string, unknown>, channel: "whatsapp" | "linkedin" = "whatsapp"): Limits {
  const parsed = PacingSettingsSchema.safeParse({ ...CHANNEL_PACING_DEFAULTS[channel], ...pacing });
  const settings = parsed.success ? parsed.data : PacingSettingsSchema.parse({});
  return Object.fromEntries(LIMIT_KEYS.map((k) => [k, settings[k]])) as Limits;
}

export function channelAccountJson(
  account: ChannelAccountRecord,
  host?: { session: SessionView | undefined; reachable: boolean },
): ChannelAccountJson {
  const session = host?.session;
  const isHost = account.provider === SESSION_HOST_PROVIDER;
  return {
    id: account.id,
    channel: account.channel,
    provider: account.provider,
    name: account.displayName,
    status: session ? routingStatus(ACCOUNT_STATUS_OF[session.status], session.status, account) : account.status,
    providerStatus: session?.status ?? account.providerStatus,
    reason: session ? session.reason : account.statusReason,
    phone: session?.phone ?? account.phone,
    paused: session?.paused ?? account.providerStatus === "paused",
    pausedUntil: session?.pausedUntil ?? null,
    limits: isHost ? limitsOf(session?.pacing ?? {}, account.channel === "linkedin" ? "linkedin" : "whatsapp") : null,
    hostReachable: isHost ? (host?.reachable ?? null) : null,
    createdAt: account.createdAt.toISOString(),
  };
}

export function emitChannelUpdated(live: LiveEventSink, account: ChannelAccountJson): void {
  live.emit(CHANNELS_TOPIC, "channel.updated", { account: account as unknown as Record<string, unknown> });
}

export function emitChannelRemoved(live: LiveEventSink, id: string): void {
  live.emit(CHANNELS_TOPIC, "channel.removed", { id });
}
