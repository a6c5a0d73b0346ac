import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzle<typeof schema>>;

export interface DbHandle {
  readonly db: Db;
  readonly sql: postgres.Sql;
  close(): Promise<void>;
}

/** Connections one request's client may open (parallel source lookups); further queries queue on them. */
export const CONNECTIONS_PER_CLIENT = 3;

/**
 * One small client per request: Workers cannot share sockets across requests, and Hyperdrive does the
 * pooling in production. `fetch_types: false` saves a round trip on every new connection.
 */
export function openDb(connectionString: string, opts: { max?: number } = {}): DbHandle {
  const sql = postgres(connectionString, {
    max: opts.max ?? CONNECTIONS_PER_CLIENT,
    fetch_types: false,
    connect_timeout: 5,
    idle_timeout: 5,
    onnotice: () => {},
  });
  return {
    db: drizzle(sql, { schema }),
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Opens a connection only when first used, so routes that never touch Postgres never pay for it. */
export function lazyDb(connectionString: string): { get(): DbHandle; close(): Promise<void> } {
  let handle: DbHandle | undefined;
  let closing: Promise<void> | undefined;
  return {
    get: () => (handle ??= openDb(connectionString)),
    close: () => (closing ??= handle ? handle.close() : Promise.resolve()),
  };
}

/**
 * Requests that may hold Postgres connections at once in this isolate. Every request opens its own client
 * (up to CONNECTIONS_PER_CLIENT connections), so without a bound 40 parallel requests open up to 120
 * connections and the server refuses them ("too many clients") — a 500 for everyone, health included.
 * Past the bound a request waits its turn (FIFO) instead; only a very long wait fails, with a 503.
 */
export class ConnectionGate {
  /** Turn → when it lapses: a request cancelled mid-way (client gone) may never release its turn. */
  private readonly active = new Map<symbol, number>();
  /** Waiting tickets in order → last time their request was seen polling (a cancelled one stops). */
  private readonly waiting = new Map<symbol, number>();

  constructor(readonly slots: number) {}

  /**
   * Waits by polling on this request's own timer: workerd cancels a request that awaits a promise only
   * another request would resolve, so the turn cannot be handed over directly.
   */
  async acquire(timeoutMs: number): Promise<() => void> {
    const ticket = Symbol("db-turn");
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = Date.now();
      this.waiting.set(ticket, now);
      for (const [t, expiresAt] of this.active) if (expiresAt < now) this.active.delete(t);
      for (const [t, seen] of this.waiting) if (now - seen > GATE_ABANDONED_MS) this.waiting.delete(t);
      if (this.waiting.keys().next().value === ticket && this.active.size < this.slots) break;
      if (now > deadline) {
        this.waiting.delete(ticket);
        throw new Error("timed out waiting for a database connection");
      }
      await new Promise((resolve) => setTimeout(resolve, GATE_POLL_MS));
    }
    this.waiting.delete(ticket);
    this.active.set(ticket, Date.now() + GATE_TURN_LAPSES_MS);
    return () => void this.active.delete(ticket);
  }
}

const GATE_ABANDONED_MS = 1_000;
const GATE_TURN_LAPSES_MS = 120_000;
const GATE_POLL_MS = 5;

let isolateGate: ConnectionGate | undefined;

/** The isolate's gate, sized from DB_MAX_CONNECTIONS (total connections this isolate may open). */
export function connectionGate(maxConnections: string | undefined): ConnectionGate {
  const slots = Math.max(1, Math.floor((Number(maxConnections) || 30) / CONNECTIONS_PER_CLIENT));
  if (!isolateGate || isolateGate.slots !== slots) isolateGate = new ConnectionGate(slots);
  return isolateGate;
}

const UNREACHABLE_MESSAGE =
  /cannot connect|connect(ion)? (refused|timeout|timed out)|ECONNREFUSED|ECONNRESET|CONNECT_TIMEOUT|CONNECTION_(CLOSED|ENDED|DESTROYED)|proxy request failed/i;

/**
 * Whether an error means Postgres could not be reached (or dropped us), as opposed to a query being wrong:
 * SQLSTATE class 08 (connection exception), 53300 (too many connections), 57P01-57P03 (shutting down, cannot connect now) or a socket
 * failure, anywhere in the cause chain (drizzle wraps the driver's error). The API answers these 503.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (/^(08|53300$|57P0[123]$)/.test(code) || UNREACHABLE_MESSAGE.test(code)))
      return true;
    if (typeof message === "string" && UNREACHABLE_MESSAGE.test(message)) return true;
  }
  return false;
}
