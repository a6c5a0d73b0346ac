// A small SMTP submission client over Workers TCP sockets (`cloudflare:sockets`): implicit TLS
// (`smtps://`, port 465) or STARTTLS (`smtp://`, port 587), AUTH PLAIN, one message per connection.
// `smtp://…?tls=off` speaks plain SMTP, for a relay on loopback (Mailpit, the test fake) only.
import { connect } from "cloudflare:sockets";

export interface SmtpTarget {
  hostname: string;
  port: number;
  implicitTls: boolean;
  /** No TLS at all (`?tls=off`); refused for anything but a loopback host. */
  plain: boolean;
  username?: string;
  password?: string;
  from: string;
}

export interface SmtpMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

const TIMEOUT_MS = 10_000;

export function parseSmtpUrl(value: string): SmtpTarget {
  const url = new URL(value);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw new Error("SMTP_URL must start with smtp:// or smtps://");
  const implicitTls = url.protocol === "smtps:";
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const plain = !implicitTls && url.searchParams.get("tls") === "off";
  if (plain && !["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
    throw new Error("SMTP_URL: tls=off is only allowed on loopback");
  return {
    plain,
    hostname: url.hostname,
    port: Number(url.port) || (implicitTls ? 465 : 587),
    implicitTls,
    username,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    from: url.searchParams.get("from") ?? (username?.includes("@") ? username : `no-reply@${url.hostname}`),
  };
}

/** RFC 5322 message with CRLF line ends; the body is dot-stuffed for DATA (RFC 5321 §4.5.2). */
export function formatMessage(message: SmtpMessage, date = new Date()): string {
  for (const header of [message.from, message.to, message.subject]) {
    if (/[\r\n]/.test(header)) throw new Error("header values cannot contain line breaks");
  }
  const subject = /^[\x20-\x7e]*$/.test(message.subject)
    ? message.subject
    : `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(message.subject)))}?=`;
  const body = message.text.replace(/\r?\n/g, "\r\n").replace(/^\./gm, "..");
  return [
    `From: ${message.from}`,
    `To: ${message.to}`,
    `Subject: ${subject}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${crypto.randomUUID()}@${message.from.split("@")[1] ?? "localhost"}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    body,
  ].join("\r\n");
}

export async function sendSmtp(target: SmtpTarget, message: SmtpMessage): Promise<void> {
  let socket = connect(
    { hostname: target.hostname, port: target.port },
    { secureTransport: target.implicitTls ? "on" : target.plain ? "off" : "starttls", allowHalfOpen: false },
  );
  let io = conversation(socket);
  const timer = setTimeout(() => socket.close().catch(() => {}), TIMEOUT_MS);
  try {
    await io.expect(220);
    await io.command("EHLO rarity-leads", 250);
    if (!target.implicitTls && !target.plain) {
      await io.command("STARTTLS", 220);
      io.release();
      socket = socket.startTls();
      io = conversation(socket);
      await io.command("EHLO rarity-leads", 250);
    }
    if (target.username) {
      const plain = new TextEncoder().encode(`\0${target.username}\0${target.password ?? ""}`);
      await io.command(`AUTH PLAIN ${btoa(String.fromCharCode(...plain))}`, 235);
    }
    await io.command(`MAIL FROM:<${message.from}>`, 250);
    await io.command(`RCPT TO:<${message.to}>`, 250, 251);
    await io.command("DATA", 354);
    await io.command(`${formatMessage(message)}\r\n.`, 250);
    await io.command("QUIT", 221).catch(() => {});
  } finally {
    clearTimeout(timer);
    io.release();
    await socket.close().catch(() => {});
  }
}

type Socket = ReturnType<typeof connect>;

/** Reads SMTP replies (multi-line `250-…` continuations up to `250 …`) and writes CRLF-terminated commands. */
function conversation(socket: Socket) {
  const reader = socket.readable.getReader();
  const writer = socket.writable.getWriter();
  const decoder = new TextDecoder();
  let buffer = "";

  async function readReply(): Promise<{ code: number; text: string }> {
    const lines: string[] = [];
    for (;;) {
      let end = buffer.indexOf("\r\n");
      while (end < 0) {
        const { value, done } = await reader.read();
        if (done) throw new Error("SMTP server closed the connection");
        buffer += decoder.decode(value, { stream: true });
        end = buffer.indexOf("\r\n");
      }
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line);
      if (!/^\d{3}-/.test(line)) return { code: Number(line.slice(0, 3)), text: lines.join("\n") };
    }
  }

  async function expect(...codes: number[]) {
    const reply = await readReply();
    if (!codes.includes(reply.code)) throw new Error(`SMTP ${reply.code}: ${reply.text.slice(0, 200)}`);
    return reply;
  }

  return {
    expect,
    async command(line: string, ...codes: number[]) {
      await writer.write(new TextEncoder().encode(`${line}\r\n`));
      return expect(...codes);
    },
    release() {
      reader.releaseLock();
      writer.releaseLock();
    },
  };
}
