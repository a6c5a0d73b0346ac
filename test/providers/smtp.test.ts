// The mail path with SMTP_URL set: a real SMTP conversation from workerd (cloudflare:sockets) with a
// loopback SMTP server (test/fakes/smtp-fake.ts).
import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../workers/db/client";
import { asService } from "../../workers/db/tenant";
import { sendMail } from "../../workers/mail/mail.service";

const fakeEnv = env as Env & { FAKE_SMTP_URL: string; FAKE_SMTP_INBOX_URL: string };
const smtpEnv = { ...env, SMTP_URL: fakeEnv.FAKE_SMTP_URL } as Env;

async function inbox(): Promise<{ auth: string | null; from: string; to: string[]; data: string }[]> {
  return ((await (await fetch(fakeEnv.FAKE_SMTP_INBOX_URL)).json()) as { messages: never[] }).messages;
}

async function outboxRows(to: string) {
  const { db } = openDb(env.HYPERDRIVE.connectionString);
  return asService(db, (tx) =>
    tx.execute(
      sql`select transport, body_text, sent_at is not null as sent, error from mail_outbox where to_address = ${to}`,
    ),
  ) as Promise<unknown> as Promise<{ transport: string; body_text: string; sent: boolean; error: string | null }[]>;
}

describe("SMTP delivery", () => {
  it("authenticates, sends one message with dot-stuffing undone by the server, and records it without the body", async () => {
    const to = `smtp-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const { db } = openDb(env.HYPERDRIVE.connectionString);
    await sendMail(db, smtpEnv, {
      to,
      kind: "recovery",
      subject: "Reset your password",
      text: "Open this:\nhttps://app.example/x\n.hidden dot line\n",
    });

    const message = (await inbox()).find((m) => m.to.includes(to));
    expect(message).toBeDefined();
    expect(message!.auth).toBe("mailer@app.example");
    expect(message!.from).toBe("mailer@app.example");
    expect(message!.data).toContain("Subject: Reset your password\r\n");
    expect(message!.data).toContain(`To: ${to}\r\n`);
    expect(message!.data).toContain("\r\n.hidden dot line\r\n");

    expect(await outboxRows(to)).toEqual([
      { transport: "smtp", body_text: "(sent via SMTP)", sent: true, error: null },
    ]);
  });

  it("answers 503 when the server refuses the recipient, and records the failure", async () => {
    const to = `nobody-${crypto.randomUUID().slice(0, 8)}@reject.example`;
    const { db } = openDb(env.HYPERDRIVE.connectionString);
    await expect(sendMail(db, smtpEnv, { to, kind: "invitation", subject: "Hi", text: "x" })).rejects.toMatchObject({
      status: 503,
    });
    const [row] = await outboxRows(to);
    expect(row).toMatchObject({ transport: "smtp", sent: false });
    expect(row!.error).toMatch(/550/);
  });
});
