// Structured JSON logs, one line each. Never message bodies or phone numbers: ids only, and anything that
// looks like a phone number or a WhatsApp address is masked before it is written, whoever logged it.
import type { ILogger } from "@whiskeysockets/baileys/lib/Utils/logger";

export type Level = "debug" | "info" | "warn" | "error";
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Eight or more digits in any common notation; not inside ids (a UUID's digit runs stay).
const PHONE_LIKE = /(?<![\w-])\+?\(?\d(?:[\s().-]{0,2}\d){7,}(?![\w-])/g;
const JID_LIKE = /[\w.:-]+@(s\.whatsapp\.net|lid|g\.us|c\.us|broadcast)/g;

export function redact(text: string): string {
  return text.replace(JID_LIKE, "[jid]").replace(PHONE_LIKE, "[number]");
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(
  level: Level,
  base: Record<string, unknown> = {},
  // Not console.log: the console is guarded against other libraries' output (console-guard.ts).
  write: (line: string) => void = (line) => void process.stdout.write(`${line}\n`),
): Logger {
  const emit = (at: Level, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[at] < RANK[level]) return;
    const body = redact(JSON.stringify({ level: at, msg, ...base, ...fields }));
    write(`{"t":"${new Date().toISOString()}",${body.slice(1)}`);
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (fields) => createLogger(level, { ...base, ...fields }, write),
  };
}

/**
 * What Baileys gets as its logger. Its own log objects carry message content and addresses, so only the text
 * of its warnings and errors passes, masked; everything else is dropped.
 */
export function baileysLogger(logger: Logger): ILogger {
  const text = (obj: unknown, msg?: string) =>
    msg ?? (typeof obj === "string" ? obj : obj instanceof Error ? obj.message : "baileys");
  const self: ILogger = {
    level: "warn",
    child: () => self,
    trace: () => {},
    debug: () => {},
    info: () => {},
    warn: (obj, msg) => logger.warn(`baileys: ${text(obj, msg)}`),
    error: (obj, msg) => logger.error(`baileys: ${text(obj, msg)}`),
  };
  return self;
}
