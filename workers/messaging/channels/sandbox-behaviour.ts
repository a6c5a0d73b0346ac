// How the simulated Sandbox recipient behaves, as pure rules (documented in the README's Sandbox section):
// a body containing `#fail` fails for good (recipient unavailable), `#flaky` fails once with a retryable
// error and then goes through, and a question gets a reply.

export function sandboxTrigger(
  body: string,
  attempt: number,
): { code: string; message: string; retryable: boolean } | undefined {
  if (/#fail\b/i.test(body))
    return {
      code: "recipient_unavailable",
      message: "The Sandbox recipient cannot receive messages.",
      retryable: false,
    };
  if (/#flaky\b/i.test(body) && attempt === 1)
    return { code: "provider_unavailable", message: "The Sandbox provider is briefly unavailable.", retryable: true };
  return undefined;
}

const REPLIES = [
  "Good question — yes, that could work for us. Can you send more details?",
  "Thanks for reaching out. What would it cost for a team of our size?",
  "Interesting. Could we talk next week?",
];

/** The recipient answers questions (a body ending in "?"), picking a reply by the body so it is repeatable. */
export function sandboxReply(body: string): string | null {
  if (!/\?\s*$/.test(body)) return null;
  let h = 0;
  for (const ch of body) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return REPLIES[h % REPLIES.length]!;
}
