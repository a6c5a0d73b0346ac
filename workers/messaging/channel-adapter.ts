// The one interface every channel implements (decision 016). The orchestrator, the webhook route and the
// composer's policy check only speak to channels through it; WhatsApp (session-host), Meta, X and LinkedIn
// adapters plug in here later, the Sandbox ships now.
import type { Db } from "../db/client";
import type { MessageChannel } from "./channels";

export interface ChannelCapabilities {
  media: boolean;
  receipts: { delivered: boolean; read: boolean };
  /**
   * Hours after the lead's last inbound message during which we may write (Meta: 24); null when the channel
   * allows cold outreach.
   */
  replyWindowHours: number | null;
  /**
   * Hours after the lead's last message within which a person (not a campaign) may still answer past the reply
   * window (Messenger's HUMAN_AGENT tag: 7 days). Absent: the reply window is the only one.
   */
  humanAgentWindowHours?: number;
  /** Per sending account; a send over a cap waits for the next free slot instead of failing. */
  caps: { perMinute: number; perDay: number };
  /** Reaches real people: leads that exist only in the sample data are refused (they are fictional). */
  reachesRealPeople: boolean;
}

/** A lead as channels see it: where they can be reached. */
export interface LeadContact {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  linkedinUrl: string | null;
  contactChannels: { channel: string; handle: string }[];
  /** ISO country, to read phone numbers written without a country code. */
  country?: string | null;
}

export interface SendAccount {
  id: string;
  externalId: string;
  credentialsRef: string | null;
}

export interface OutboundSend {
  workspaceId: string;
  messageId: string;
  /** Stable across retries: providers (and the Sandbox) use it to accept a repeated send only once. */
  idempotencyKey: string;
  account: SendAccount;
  leadId: string;
  /** The lead's handle on this channel (phone, PSID, user id, profile URL). */
  to: string;
  body: string;
  media: { url: string; type: string }[];
  /** The lead's IANA time zone when known: providers that pace sends apply quiet hours in it. */
  recipientTimeZone?: string | null;
  /** An answer to the lead's own message (origin `reply`): pacing providers keep room for these. */
  reply?: boolean;
  /** Who wrote it: windowed channels (Meta) let only a person's message (manual, reply) past the reply window. */
  origin?: "manual" | "reply" | "campaign" | "system" | "inbound" | "api";
  /** The lead's last message to us on this channel, when known (Meta picks RESPONSE or the HUMAN_AGENT tag). */
  lastInboundAt?: Date | null;
}

export interface ChannelDeps {
  db: Db;
}

export interface SendResult {
  providerMessageId: string;
  /**
   * The provider accepted the message but sends it later (the session-host paces each number and holds messages
   * through quiet hours): the message stays `queued` with its provider id, and the provider's `sent` (or
   * `failed`) status event moves it on. Absent: the provider sent it now, the message becomes `sent`.
   */
  pending?: boolean;
}

/** Why a send did not happen. `retryable` errors go back to the queue with backoff; the rest end `failed`. */
export class ChannelSendError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, message: string, opts: { retryable: boolean; retryAfterSeconds?: number }) {
    super(message);
    this.name = "ChannelSendError";
    this.code = code;
    this.retryable = opts.retryable;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

/** A webhook request as received: the raw bytes, because signatures are computed over them. */
export interface WebhookRequest {
  url: URL;
  headers: Headers;
  rawBody: Uint8Array;
}

/**
 * What a provider told us, normalised. `eventId` is the provider's own id, used to drop replays. `channel`: set by
 * providers that serve several channels from one webhook (Meta: Messenger and Instagram); else the provider's.
 */
export type ProviderEvent = (
  | {
      kind: "message";
      eventId: string;
      /** The receiving account's provider id: decides the workspace. */
      accountExternalId: string;
      providerMessageId: string;
      from: { handle: string; name?: string; phone?: string; email?: string };
      body: string;
      media: { url: string; type: string }[];
      at: string;
      threadId?: string;
    }
  | {
      kind: "status";
      eventId: string;
      accountExternalId: string;
      providerMessageId: string;
      status: "sent" | "delivered" | "read" | "failed";
      errorCode?: string;
      at: string;
    }
  | {
      /**
       * Everything the account sent to `handle` up to `at` was read (Messenger's read watermark, which names no
       * message).
       */
      kind: "read_up_to";
      eventId: string;
      accountExternalId: string;
      handle: string;
      at: string;
    }
  | {
      /** The receiving account itself changed (a session connected, asks for a QR scan, was logged out …). */
      kind: "account";
      eventId: string;
      accountExternalId: string;
      /** Where the provider says the account belongs; an event naming another workspace is ignored. */
      workspaceId?: string;
      status: "pending" | "connected" | "disconnected" | "failed";
      /** The provider's own, finer word for it (session-host: starting, qr, connecting, open, paused …). */
      providerStatus: string;
      reason: string | null;
      /** The account's own number (E.164 digits) when the provider knows it. */
      phone: string | null;
      at: string;
    }
) & { channel?: MessageChannel };

export interface ChannelAdapter {
  readonly channel: MessageChannel;
  readonly label: string;
  readonly capabilities: ChannelCapabilities;
  /** The lead's address on this channel, or null when the channel cannot reach them. */
  handleFor(lead: LeadContact): string | null;
  /**
   * Failure codes a provider may report after it accepted a send (SendResult.pending) that mean this channel
   * cannot reach the lead (LinkedIn: not a connection), with the words for the rep: such a message fails with
   * them and falls back to the lead's next channel, as if the send had been refused at once.
   */
  readonly refusals?: Record<string, string>;
  /**
   * `deps.db` is for adapters whose credentials are stored sealed (channel-credentials.ts) or rotate on use
   * (X refresh tokens); it is the consumer's connection, outside any transaction.
   */
  send(message: OutboundSend, env: Env, deps: ChannelDeps): Promise<SendResult>;
}

/** The inbound half, keyed by the `:provider` of `POST /api/hooks/:provider`. */
export interface WebhookProvider {
  readonly provider: string;
  readonly channel: MessageChannel;
  /**
   * Constant-time check of the provider's signature over the raw body. False → 401, nothing stored. `db` is for
   * providers whose signatures carry a nonce that must be recorded to refuse replays.
   */
  verify(request: WebhookRequest, env: Env, db: Db): Promise<boolean>;
  /**
   * Providers that prove the webhook URL with a GET first (Meta's `hub.challenge`): the text to answer, or null
   * when the request does not carry the expected token (403).
   */
  challenge?(url: URL, env: Env): Promise<string | null>;
  /** Throws a VALIDATION_FAILED AppError for a body that is signed but not understood. */
  parse(request: WebhookRequest): ProviderEvent[];
}
