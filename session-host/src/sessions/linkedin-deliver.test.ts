// A LinkedIn send against the local Voyager fake: which refusals are final (the Worker falls back to another
// channel) and which are tried again, and a session stopped while "typing" sends nothing.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startLinkedinFake } from "../../../test/fakes/linkedin-voyager-fake";
import type { Logger } from "../ops/logger";
import type { AuthStateStore } from "../store/auth-state.store";
import type { OutboundRow } from "../store/outbound.repo";
import { LINKEDIN_COOKIE, LinkedinSession } from "./linkedin-session";
import { PermanentSendError } from "./session-driver";

let fake: Awaited<ReturnType<typeof startLinkedinFake>>;
beforeAll(async () => {
  fake = await startLinkedinFake();
});
afterAll(async () => {
  await fake.close();
});

async function openSession() {
  const secrets = new Map<string, unknown>([
    [LINKEDIN_COOKIE, { liAt: `AQEDARdeliver${crypto.randomUUID()}`, jsessionId: '"ajax:1234567890123456789"' }],
  ]);
  const auth = {
    loadSecret: async (_: string, name: string) => secrets.get(name),
    saveSecret: async (_: string, name: string, value: unknown) => void secrets.set(name, value),
    wipe: async () => secrets.clear(),
  } as unknown as AuthStateStore;
  const quiet = () => {};
  const logger = { debug: quiet, info: quiet, warn: quiet, error: quiet } as unknown as Logger;
  const hooks = { status: async () => {}, inbound: async () => {}, receipt: async () => {} };
  const session = new LinkedinSession(crypto.randomUUID(), {
    auth,
    logger,
    hooks,
    options: { apiUrl: fake.url, pollMs: 60_000 },
  });
  await session.start();
  expect(session.ready).toBe(true);
  return session;
}

const row = (slug: string, text = `Hi ${crypto.randomUUID()}`) =>
  ({ id: crypto.randomUUID(), recipient: `linkedin.com/in/${slug}`, content: { text } }) as OutboundRow;

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe("a LinkedIn send", () => {
  test("to someone LinkedIn says is not a connection: failed for good as not_connected", async () => {
    const session = await openSession();
    const error = await failureOf(session.deliver(row("far-bob-stone"), 0));
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).code).toBe("not_connected");
    await session.stop();
  });

  test("an unreadable distance answer or an unexplained 403 is tried again, not taken as not_connected", async () => {
    const session = await openSession();
    for (const slug of ["odd-carol-white", "forbid-dan-gray"]) {
      const error = await failureOf(session.deliver(row(slug), 0));
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentSendError);
    }
    await session.stop();
  });

  test("a session stopped while typing (its lease lost) does not send", async () => {
    const session = await openSession();
    const message = row("conn-ada-lovelace");
    const sending = failureOf(session.deliver(message, 300));
    await new Promise((r) => setTimeout(r, 100));
    await session.stop();
    const error = await sending;
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentSendError);
    expect(fake.sent.filter((m) => m.text === message.content!.text)).toEqual([]);
  });
});
