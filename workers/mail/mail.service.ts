// The one way the app sends e-mail (auth links, invitations). With SMTP_URL set, messages go out over SMTP
// and the outbox keeps a record; without it (embedded default), the outbox row is the delivery and the dev
// mailbox page (/dev/mailbox) shows it, so every e-mail flow works on a bare machine. See decision 013.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { createLogger, parseLogLevel } from "../lib/logger";
import { insertMail, listOutboxMail } from "./mail-outbox.repo";
import { parseSmtpUrl, sendSmtp } from "./smtp-client";

export type MailKind = "recovery" | "magiclink" | "invitation";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  kind: MailKind;
}

export type MailTransport = "smtp" | "outbox";

export function mailTransport(env: Pick<Env, "SMTP_URL">): MailTransport {
  return env.SMTP_URL?.trim() ? "smtp" : "outbox";
}

export async function sendMail(db: Db, env: Env, message: MailMessage): Promise<void> {
  if (/[\r\n]/.test(message.to) || /[\r\n]/.test(message.subject)) {
    throw new AppError("VALIDATION_FAILED", "E-mail addresses and subjects cannot contain line breaks.");
  }
  const base = { toAddress: message.to, subject: message.subject, bodyText: message.text, kind: message.kind };
  if (mailTransport(env) === "outbox") {
    await asService(db, (tx) => insertMail(tx, { ...base, transport: "outbox", sentAt: new Date(), error: null }));
    return;
  }
  const target = parseSmtpUrl(env.SMTP_URL!.trim());
  try {
    await sendSmtp(target, { from: target.from, to: message.to, subject: message.subject, text: message.text });
  } catch (err) {
    const reason = err instanceof Error ? err.message.slice(0, 300) : "unknown";
    createLogger({}, parseLogLevel(env.LOG_LEVEL)).error("mail delivery failed", {
      kind: message.kind,
      code: "SMTP_FAILED",
      reason,
    });
    await asService(db, (tx) =>
      insertMail(tx, { ...base, bodyText: "(not stored)", transport: "smtp", sentAt: null, error: reason }),
    );
    throw new AppError("SERVICE_UNAVAILABLE", "The e-mail could not be sent. Try again later.", {
      authCode: "email_send_failed",
    });
  }
  // The SMTP record keeps no body: links in it are credentials.
  await asService(db, (tx) =>
    insertMail(tx, { ...base, bodyText: "(sent via SMTP)", transport: "smtp", sentAt: new Date(), error: null }),
  );
}

/** The dev mailbox: only in outbox mode; `to` null lists every address (loopback development only). */
export function devMailbox(db: Db, env: Env, to: string | null) {
  if (mailTransport(env) !== "outbox")
    throw new AppError("RESOURCE_NOT_FOUND", "The dev mailbox exists only when SMTP_URL is not set.");
  return asService(db, (tx) => listOutboxMail(tx, to));
}
