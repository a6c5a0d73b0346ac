// Reads the dev mailbox (the embedded mail outbox) the way the /dev/mailbox page does.
import { env } from "cloudflare:test";
import { openDb } from "../../workers/db/client";
import { devMailbox } from "../../workers/mail/mail.service";

export async function latestMail(to: string) {
  const [mail] = await devMailbox(openDb(env.HYPERDRIVE.connectionString).db, env, to);
  if (!mail) throw new Error(`no mail for ${to}`);
  return mail;
}

/** The e-mailed link and 6-digit code of an auth e-mail. */
export function linkAndCode(text: string) {
  const link = /(https?:\/\/\S+\/auth\/v1\/verify\?\S+)/.exec(text)?.[1];
  const code = /code: (\d{6})/.exec(text)?.[1];
  if (!link || !code) throw new Error(`no link or code in: ${text}`);
  return { link, code };
}
