import type { Sql } from "./db";

/** Where each host of the fleet answers, refreshed on its heartbeat. */
export class HostsRepo {
  constructor(private readonly sql: Sql) {}

  async announce(id: string, url: string): Promise<void> {
    await this.sql`
      insert into session_host.hosts (id, url) values (${id}, ${url})
      on conflict (id) do update set url = excluded.url, seen_at = now()`;
  }

  /** The URL of the host holding this session's live lease, if another host does. */
  async ownerUrl(sessionId: string, selfId: string): Promise<string | undefined> {
    const [row] = await this.sql<{ url: string }[]>`
      select h.url from session_host.sessions s join session_host.hosts h on h.id = s.owner_host
      where s.id = ${sessionId} and s.owner_host <> ${selfId} and s.lease_expires_at > now()`;
    return row?.url;
  }
}
