/** Structured JSON logs: one line per event, always carrying the request id when there is one. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function parseLogLevel(value: string | undefined): LogLevel {
  return value && value in LEVEL_RANK ? (value as LogLevel) : "info";
}

export function createLogger(base: Record<string, unknown> = {}, minLevel: LogLevel = "info"): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVEL_RANK[level] < LEVEL_RANK[minLevel]) return;
    const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...base, ...fields });
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
  return {
    debug: (msg, fields) => write("debug", msg, fields),
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
    child: (fields) => createLogger({ ...base, ...fields }, minLevel),
  };
}

/**
 * Error details for the server-side log only; never sent to clients. Logs carry codes, ids and durations,
 * never data: a Postgres error's `parameters`, `query`, `detail` and `where` hold the values of the failed
 * statement (e-mails, names, notes), so only its SQLSTATE and schema names are kept, and any message is
 * scrubbed of quoted values, e-mail addresses and long numbers.
 */
export function describeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { errorMessage: scrub(String(err)) };
  const described: Record<string, unknown> = { errorName: err.name, errorMessage: scrub(err.message) };
  const pg = err as Error &
    Partial<
      Record<"code" | "severity" | "routine" | "constraint_name" | "table_name" | "column_name" | "schema_name", string>
    >;
  if (err.name === "PostgresError" || typeof pg.severity === "string") {
    Object.assign(described, {
      sqlState: pg.code,
      severity: pg.severity,
      routine: pg.routine,
      constraint: pg.constraint_name,
      table: pg.table_name,
      column: pg.column_name,
    });
  } else if (typeof pg.code === "string") described.code = pg.code;
  // The stack's first line repeats the message; only the frames below it are kept.
  if (err.stack)
    described.stack = [
      `${err.name}: ${described.errorMessage}`,
      ...err.stack.split("\n").filter((l) => /^\s+at /.test(l)),
    ].join("\n");
  if (err.cause !== undefined && depth < 2) described.cause = describeError(err.cause, depth + 1);
  for (const key of Object.keys(described)) if (described[key] === undefined) delete described[key];
  return described;
}

/** Removes values from a message: `"…"`/`'…'` quoted text, `(…)=(…)` key details, e-mails, long numbers. */
export function scrub(message: string): string {
  return message
    .replace(/\nparams: [\s\S]*$/, "\nparams: (omitted)") // drizzle appends the statement's parameter values
    .replace(/=\((?:[^()]|\([^()]*\))*\)/g, "=(…)")
    .replace(/"[^"]*"|'[^']*'/g, '"…"')
    .replace(/[^\s@"'<>()]+@[^\s@"'<>()]+/g, "[email]")
    .replace(/\+?\d[\d\s-]{6,}\d/g, "[number]")
    .slice(0, 500);
}
