// X direct messages (API v2, issue 17): POST /2/dm_conversations/with/:participant_id/messages with a user token
// from the account's XAccount Durable Object, which owns and refreshes the tokens. X gives no delivery or read
// receipts; a DM is `sent` when X answers 201. Inbound DMs are polled by that object (durable-objects/x-account.ts).
import { ChannelSendError } from "../channel-adapter";
import type { ChannelAdapter, LeadContact, OutboundSend, SendResult } from "../channel-adapter";
import { xAccountObject } from "../x-accounts.service";
import { type Problem, type RateLimit, sendDm, xConfig } from "./x-api.http";
import { AppError } from "../../lib/app-error";

const USER_ID = /^[0-9]{1,25}$/;
/** X's DM text limit. */
const MAX_TEXT = 10_000;

/** The lead's X user id (numeric): DMs are addressed by id, not by @handle. */
export function xHandle(lead: LeadContact): string | null {
  const listed = lead.contactChannels.find((c) => c.channel === "x")?.handle?.trim();
  return listed && USER_ID.test(listed) ? listed : null;
}

/** Seconds until X's window resets (`x-rate-limit-reset`, epoch s), at least one. */
function secondsUntil(rate: RateLimit, now = Date.now()): number {
  return rate.resetAt ? Math.max(1, Math.ceil(rate.resetAt - now / 1000)) : 60;
}

function forbidden(problem: Problem): ChannelSendError {
  const text = `${problem.type ?? ""} ${problem.detail ?? ""}`.toLowerCase();
  // The app or token lacks access (no project, missing dm.write): not the recipient's choice.
  if (text.includes("client-forbidden") || text.includes("unsupported-authentication"))
    return new ChannelSendError("x_forbidden", `X refused the send: ${problem.detail ?? "forbidden"}.`, {
      retryable: false,
    });
  return new ChannelSendError(
    "recipient_not_accepting_dms",
    "This person does not accept direct messages from this X account (they must follow it or allow DMs from anyone).",
    { retryable: false },
  );
}

export const xAdapter: ChannelAdapter = {
  channel: "x",
  label: "X",
  capabilities: {
    media: false,
    receipts: { delivered: false, read: false },
    // Cold DMs are allowed when the recipient accepts them (X answers 403 otherwise, and we fall back).
    replyWindowHours: null,
    // X: 1,000 DMs / 24 h per user; 200 requests / 15 min per user ≈ 13 a minute.
    caps: { perMinute: 13, perDay: 1000 },
    reachesRealPeople: true,
  },
  handleFor: xHandle,
  async send(message: OutboundSend, env: Env): Promise<SendResult> {
    if (message.media.length > 0)
      throw new ChannelSendError("media_unsupported", "X messages are sent as text only here.", { retryable: false });
    if (!message.body.trim())
      throw new ChannelSendError("empty", "An X direct message needs text.", { retryable: false });
    if (message.body.length > MAX_TEXT)
      throw new ChannelSendError("too_long", `An X direct message holds ${MAX_TEXT} characters.`, { retryable: false });
    const config = xConfig(env);
    const account = xAccountObject(env, message.account.id);

    let token = await account.accessToken();
    for (let attempt = 0; ; attempt++) {
      if (!token.ok)
        throw new ChannelSendError(token.code, token.message, { retryable: token.code === "x_unavailable" });
      const answer = await sendDm(config, token.token, message.to, message.body).catch((err: unknown) => {
        // Could not connect: nothing reached X, try again. Timed out or unreadable after it left: X may have sent
        // it, and it has no idempotency key — a retry could send the person the same DM twice.
        const reason = err instanceof AppError ? err.details?.reason : undefined;
        if (reason === "x_timeout" || reason === "x_bad_answer")
          throw new ChannelSendError(
            "unknown_outcome",
            "X's answer could not be read: the message may have been delivered. Check the conversation before retrying.",
            { retryable: false },
          );
        throw new ChannelSendError("x_unavailable", "X did not answer.", { retryable: true });
      });
      if (answer.ok) return { providerMessageId: answer.data.data.dm_event_id };
      if (answer.status === 401) {
        if (attempt === 0) {
          // The token may have been revoked or expired early: refresh once (serialised in the object) and retry.
          token = await account.accessToken(token.token);
          continue;
        }
        await account.disconnect("X no longer accepts this account's access; reconnect the X account.");
        throw new ChannelSendError("token_invalid", "X no longer accepts this account's access.", {
          retryable: false,
        });
      }
      if (answer.status === 429)
        throw new ChannelSendError("rate_limited", "X's rate limit for this account is spent until its reset.", {
          retryable: true,
          retryAfterSeconds: secondsUntil(answer.rate),
        });
      if (answer.status === 403) throw forbidden(answer.problem);
      if (answer.status >= 500)
        throw new ChannelSendError("x_unavailable", `X answered ${answer.status}.`, { retryable: true });
      throw new ChannelSendError("x_rejected", answer.problem.detail ?? `X refused the message (${answer.status}).`, {
        retryable: false,
      });
    }
  },
};
