// What to do when a WhatsApp socket closes, by its close code (see ../shared/docs/integrations.md). After a
// close the socket is dead: "reconnect" always means a new socket on the same stored auth state.
import { DisconnectReason } from "@whiskeysockets/baileys";

export type CloseAction =
  | { kind: "reconnect"; delayMs: number }
  | { kind: "logged_out"; reason: string }
  | { kind: "stop"; status: "failed"; reason: string };

const MAX_BACKOFF_MS = 5 * 60_000;

/** Exponential from 1 s, capped at 5 minutes, with full jitter so a fleet does not reconnect in step. */
export function backoffMs(failures: number, random = Math.random): number {
  const ceiling = Math.min(1000 * 2 ** Math.min(failures, 20), MAX_BACKOFF_MS);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function closeAction(code: number | undefined, failures: number, random = Math.random): CloseAction {
  switch (code) {
    case DisconnectReason.restartRequired:
      return { kind: "reconnect", delayMs: 0 };
    case DisconnectReason.loggedOut:
      return { kind: "logged_out", reason: "Logged out from the phone (Linked devices). Connect again with a new QR." };
    case DisconnectReason.connectionReplaced:
      return {
        kind: "stop",
        status: "failed",
        reason: "Another client opened this WhatsApp session; this one stopped. Reconnect to take it back.",
      };
    case DisconnectReason.forbidden:
      return {
        kind: "stop",
        status: "failed",
        reason: "WhatsApp refused this number (banned or restricted). Check the phone before reconnecting.",
      };
    case DisconnectReason.multideviceMismatch:
      return { kind: "stop", status: "failed", reason: "This number's WhatsApp does not support linked devices." };
    default:
      return { kind: "reconnect", delayMs: backoffMs(failures, random) };
  }
}
