// What the session manager and the send loop need from one channel's login (decision 020): WhatsApp's Baileys
// socket and LinkedIn's cookie session both keep themselves alive, report through RuntimeHooks, and put one
// accepted message on the wire when pacing lets it go. Leases, pacing and the outbox stay channel-agnostic.
import type { SessionChannel, SessionStatus } from "../protocol/api";
import type { OutboundRow } from "../store/outbound.repo";

export interface InboundText {
  providerMessageId: string;
  /** The sender's address on the channel (a WhatsApp JID, a LinkedIn profile path). */
  jid: string;
  phone: string | null;
  name: string | null;
  text: string;
  at: Date;
}

export interface RuntimeHooks {
  status(
    status: SessionStatus,
    detail: { reason?: string | null; phone?: string | null; qr?: string | null },
  ): Promise<void>;
  inbound(message: InboundText): Promise<void>;
  receipt(providerMessageId: string, status: "sent" | "delivered" | "read" | "failed"): Promise<void>;
}

/**
 * A send that cannot succeed however often it is tried (LinkedIn: the recipient is not a 1st-degree connection).
 * The message fails at once with `code`, which the Worker reads to fall back to another channel.
 */
export class PermanentSendError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PermanentSendError";
  }
}

export interface SessionDriver {
  readonly id: string;
  readonly channel: SessionChannel;
  /** Logged in and able to send now. */
  readonly ready: boolean;
  start(): Promise<void>;
  /**
   * Puts one message on the wire. Throws PermanentSendError for a refusal; any other error carries the
   * provider's `statusCode` (or Baileys' `output.statusCode`) for the pause classifier.
   */
  deliver(row: OutboundRow, typingMs: number): Promise<void>;
  /** Stops, keeping the login (lease lost, shutdown). */
  stop(): Promise<void>;
  /** Ends the login on the provider's side where it has one, and forgets it here. */
  logout(): Promise<void>;
  /** WhatsApp only: link by code instead of QR. */
  requestPairingCode?(phone: string): Promise<string>;
}
