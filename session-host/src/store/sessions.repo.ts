// Session rows and their leases. A lease makes one host the only one running a session: claim when free or
// expired, renew on a heartbeat, and a host that cannot renew stops the socket itself before the lease runs out.
import type { SessionChannel, SessionStatus, SessionView } from "../protocol/api";
import { activePause, PAUSE_MESSAGES } from "../pacing/pause-signals";
import { SenderStateSchema } from "../pacing/sender-state";
import type { Sql } from "./db";

/** The pause holding this session's sends now, if any, with the words the rep sees. */
function pauseOf(
  state: unknown,
  now: number,
  channel: SessionChannel,
): { message: string; until: number | null } | null {
  const parsed = SenderStateSchema.safeParse(state);
  const pause = parsed.success ? activePause(parsed.data, now, true) : null;
  if (!pause) return null;
  // The pacing engine's words are WhatsApp's; a LinkedIn session is an account, not a number.
  const words =
    channel === "linkedin"
      ? PAUSE_MESSAGES[pause.reason].replaceAll("WhatsApp", "LinkedIn").replaceAll("number", "account")
      : PAUSE_MESSAGES[pause.reason];
  return { message: pause.detail ? `${words} (${pause.detail})` : words, until: pause.until };
}

export interface SessionRow {
  id: string;
  workspace_id: string;
  channel: SessionChannel;
  name: string;
  status: SessionStatus;
  status_reason: string | null;
  phone: string | null;
  qr: string | null;
  qr_at: Date | null;
  pacing_settings: Record<string, unknown>;
  pacing_state: Record<string, unknown> | null;
  owner_host: string | null;
  lease_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = [
  "id",
  "workspace_id",
  "channel",
  "name",
  "status",
  "status_reason",
  "phone",
  "qr",
  "qr_at",
  "pacing_settings",
  "pacing_state",
  "owner_host",
  "lease_expires_at",
  "created_at",
  "updated_at",
];

export function toView(row: SessionRow, now = Date.now()): SessionView {
  const pause = pauseOf(row.pacing_state, now, row.channel);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channel: row.channel,
    name: row.name,
    // An open session whose sending is paused shows as paused, with the pause's reason.
    status: pause && row.status === "open" ? "paused" : row.status,
    reason: pause && row.status === "open" ? pause.message : row.status_reason,
    phone: row.phone,
    paused: pause !== null,
    pausedUntil: pause?.until ? new Date(pause.until).toISOString() : null,
    pacing: row.pacing_settings,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export class SessionsRepo {
  constructor(private readonly sql: Sql) {}

  /**
   * A new session, claimable once committed. `withLogin` stores what it starts from (LinkedIn's sealed cookie) in
   * the same transaction: a host claiming the row can never find it without its login.
   */
  async create(
    input: { workspaceId: string; channel: SessionChannel; name: string },
    withLogin?: (row: SessionRow, tx: Sql) => Promise<void>,
  ): Promise<SessionRow> {
    return (await this.sql.begin(async (tx) => {
      const [row] = await tx<SessionRow[]>`
        insert into session_host.sessions (workspace_id, channel, name)
        values (${input.workspaceId}, ${input.channel}, ${input.name})
        returning ${tx(COLUMNS)}`;
      if (withLogin) await withLogin(row!, tx as unknown as Sql);
      return row!;
    })) as SessionRow;
  }

  async get(id: string): Promise<SessionRow | undefined> {
    const [row] = await this.sql<SessionRow[]>`
      select ${this.sql(COLUMNS)} from session_host.sessions where id = ${id}`;
    return row;
  }

  async listForWorkspace(workspaceId: string): Promise<SessionRow[]> {
    return this.sql<SessionRow[]>`
      select ${this.sql(COLUMNS)} from session_host.sessions
      where workspace_id = ${workspaceId} order by created_at`;
  }

  async setStatus(
    id: string,
    change: { status: SessionStatus; reason?: string | null; phone?: string | null; qr?: string | null },
  ): Promise<void> {
    await this.sql`
      update session_host.sessions set
        status = ${change.status},
        status_reason = ${change.reason ?? null},
        phone = coalesce(${change.phone ?? null}, phone),
        qr = ${change.qr ?? null},
        qr_at = case when ${change.qr ?? null}::text is null then null else now() end,
        updated_at = now()
      where id = ${id}`;
  }

  /** Someone asked to connect a failed session again: hosts may claim it. */
  async restart(id: string): Promise<void> {
    await this.sql`
      update session_host.sessions set status = 'starting', status_reason = null, updated_at = now()
      where id = ${id} and status in ('failed', 'logged_out', 'checkpoint')`;
  }

  async setPacing(id: string, patch: { settings?: Record<string, unknown>; state?: Record<string, unknown> }) {
    await this.sql`
      update session_host.sessions set
        pacing_settings = coalesce(${patch.settings ? this.sql.json(patch.settings as never) : null}, pacing_settings),
        pacing_state = coalesce(${patch.state ? this.sql.json(patch.state as never) : null}, pacing_state),
        updated_at = now()
      where id = ${id}`;
  }

  async delete(id: string): Promise<void> {
    await this.sql`delete from session_host.sessions where id = ${id}`;
  }

  /**
   * Takes up to `limit` sessions that should run and that no live host holds (or that this host held before a
   * restart). Atomic per row, so two hosts never both win the same session.
   */
  async claim(hostId: string, ttlMs: number, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const rows = await this.sql<{ id: string }[]>`
      update session_host.sessions s set owner_host = ${hostId},
        lease_expires_at = now() + ${ttlMs} * interval '1 millisecond'
      where s.id in (
        select id from session_host.sessions
        where status not in ('logged_out', 'failed', 'checkpoint')
          and (owner_host is null or owner_host = ${hostId} or lease_expires_at < now())
        order by created_at
        limit ${limit}
        for update skip locked)
      returning s.id`;
    return rows.map((r) => r.id);
  }

  /** Extends this host's leases; returns the ids it still holds (a session missing here was lost). */
  async renew(hostId: string, ids: string[], ttlMs: number): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql<{ id: string }[]>`
      update session_host.sessions set lease_expires_at = now() + ${ttlMs} * interval '1 millisecond'
      where id = any(${ids}) and owner_host = ${hostId} and status not in ('logged_out', 'failed', 'checkpoint')
      returning id`;
    return rows.map((r) => r.id);
  }

  async release(hostId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.sql`
      update session_host.sessions set owner_host = null, lease_expires_at = null
      where id = any(${ids}) and owner_host = ${hostId}`;
  }

  async countByStatus(): Promise<{ status: string; n: number }[]> {
    return this.sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from session_host.sessions group by status`;
  }
}
