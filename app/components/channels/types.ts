// The channel account as GET /api/channels returns it (workers/messaging/channel-account-json.ts).
import type { ChannelAccountJson, Limits } from "../../../workers/messaging/channel-account-json";

export type ChannelAccount = Omit<ChannelAccountJson, "createdAt"> & { createdAt: string };
export type { Limits };

/** The host's session states in a rep's words. */
export const PROVIDER_STATUS_LABELS: Record<string, string> = {
  starting: "Starting",
  qr: "Waiting for a scan",
  connecting: "Connecting",
  open: "Connected",
  paused: "Paused",
  logged_out: "Logged out",
  failed: "Failed",
  checkpoint: "Security check needed",
};

export function statusLabel(a: ChannelAccount): string {
  if (a.providerStatus && PROVIDER_STATUS_LABELS[a.providerStatus]) return PROVIDER_STATUS_LABELS[a.providerStatus]!;
  return a.status.charAt(0).toUpperCase() + a.status.slice(1);
}

/** A WhatsApp number still pairing: the page polls for a QR while this holds. */
export const isPairing = (a: ChannelAccount) =>
  a.provider === "session-host" &&
  a.channel === "whatsapp" &&
  a.status === "pending" &&
  !a.phone &&
  a.providerStatus !== "failed";

/** Still starting (pairing, or LinkedIn checking the cookie): the page refreshes the list while this holds. */
export const isStarting = (a: ChannelAccount) =>
  isPairing(a) || (a.provider === "session-host" && a.channel === "linkedin" && a.status === "pending");

/** A LinkedIn session that needs the rep's fresh cookie (checkpoint, logged out, failed). */
export const needsCookie = (a: ChannelAccount) =>
  a.channel === "linkedin" &&
  a.provider === "session-host" &&
  ["checkpoint", "logged_out", "failed"].includes(a.providerStatus ?? "");

export function formatPhone(digits: string | null): string | null {
  return digits ? `+${digits}` : null;
}
