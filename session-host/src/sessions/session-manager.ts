// The sessions this host runs. A heartbeat renews its leases, stops any session whose lease it lost, and claims
// sessions nobody runs (new ones, and those of a host that died). A host that cannot reach Postgres long enough
// for its leases to near expiry stops its sockets itself, so two hosts never run one session at once.
import type { Outbox } from "../outbox/outbox";
import { type SessionChannel, type SessionStatus, STOPPED_STATUSES } from "../protocol/api";
import type { Logger } from "../ops/logger";
import type { AuthStateStore } from "../store/auth-state.store";
import type { SessionsRepo } from "../store/sessions.repo";
import { type LinkedinOptions, LinkedinSession } from "./linkedin-session";
import type { RuntimeHooks, SessionDriver } from "./session-driver";
import { SessionRuntime } from "./session-runtime";

export interface ManagerOptions {
  hostId: string;
  leaseTtlMs: number;
  maxSessions: number;
  waWebSocketUrl?: string;
  linkedin: LinkedinOptions;
}

export interface SessionListener {
  started?(id: string): void;
  stopped?(id: string): void;
  status?(id: string, status: SessionStatus): void;
  inbound?(id: string): void;
  receipt?(id: string, providerMessageId: string, status: "sent" | "delivered" | "read" | "failed"): Promise<void>;
}

export class SessionManager {
  readonly runtimes = new Map<string, SessionDriver>();
  private readonly lastStatus = new Map<string, SessionStatus>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRenewedAt = Date.now();
  private ticking: Promise<void> | undefined;
  private tickAgain = false;
  private closed = false;

  constructor(
    private readonly repo: SessionsRepo,
    private readonly auth: AuthStateStore,
    private readonly outbox: Outbox,
    private readonly logger: Logger,
    private readonly opts: ManagerOptions,
    private readonly listener: SessionListener = {},
  ) {}

  start(): void {
    const loop = async () => {
      await this.tick();
      if (!this.closed) this.timer = setTimeout(loop, Math.max(200, Math.floor(this.opts.leaseTtlMs / 3)));
    };
    void loop();
  }

  /**
   * One heartbeat; also called right after a session is created so it starts without waiting. A call during a
   * heartbeat runs another one after it: the running one may have looked before the new session existed.
   */
  tick(): Promise<void> {
    if (this.ticking) {
      this.tickAgain = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      do {
        this.tickAgain = false;
        await this.heartbeat();
      } while (this.tickAgain && !this.closed);
    })().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async heartbeat(): Promise<void> {
    const { hostId, leaseTtlMs, maxSessions } = this.opts;
    try {
      const held = await this.repo.renew(hostId, [...this.runtimes.keys()], leaseTtlMs);
      this.lastRenewedAt = Date.now();
      for (const id of this.runtimes.keys()) if (!held.includes(id)) await this.drop(id, "lease lost");
      const claimed = await this.repo.claim(hostId, leaseTtlMs, maxSessions - this.runtimes.size);
      for (const id of claimed) if (!this.runtimes.has(id)) await this.run(id);
    } catch (error) {
      this.logger.error("heartbeat failed", { error: error instanceof Error ? error.message : String(error) });
      // Stop before the lease can expire under us: another host may take these sessions from then on.
      if (Date.now() - this.lastRenewedAt > leaseTtlMs * 0.7)
        for (const id of [...this.runtimes.keys()]) await this.drop(id, "lease could not be renewed");
    }
  }

  private async run(id: string): Promise<void> {
    const row = await this.repo.get(id);
    if (!row) return;
    const logger = this.logger.child({ session: id });
    const hooks = this.hooks(id, row.workspace_id, row.channel);
    const runtime: SessionDriver =
      row.channel === "linkedin"
        ? new LinkedinSession(id, { auth: this.auth, logger, hooks, options: this.opts.linkedin })
        : new SessionRuntime(id, { auth: this.auth, logger, hooks, waWebSocketUrl: this.opts.waWebSocketUrl });
    this.runtimes.set(id, runtime);
    this.lastStatus.set(id, row.status);
    try {
      const paired = row.channel === "linkedin" || (await this.auth.hasLogin(id));
      await this.report(id, row.workspace_id, paired ? "connecting" : "starting", {}, row.channel);
      await runtime.start();
    } catch (error) {
      // Typically a stored login sealed under a key this host no longer has: say so instead of retrying forever.
      this.logger.error("session could not start", { session: id, error: (error as Error).message });
      await runtime.stop();
      await this.report(
        id,
        row.workspace_id,
        "failed",
        {
          reason:
            row.channel === "linkedin"
              ? "The stored cookie could not be opened on this host. Connect again with a fresh cookie."
              : "The stored login could not be opened on this host. Connect again with a new QR.",
        },
        row.channel,
      );
      return;
    }
    this.listener.started?.(id);
  }

  private async drop(id: string, why: string): Promise<void> {
    const runtime = this.runtimes.get(id);
    this.runtimes.delete(id);
    this.lastStatus.delete(id);
    await runtime?.stop();
    this.listener.stopped?.(id);
    this.logger.info("session stopped on this host", { session: id, why });
  }

  private hooks(id: string, workspaceId: string, channel: SessionChannel): RuntimeHooks {
    // Events name a channel other than WhatsApp; a WhatsApp event stays as older Workers know it.
    const tag = channel === "whatsapp" ? {} : { channel };
    return {
      status: (status, detail) => this.report(id, workspaceId, status, detail, channel),
      inbound: (m) => {
        this.listener.inbound?.(id);
        return this.outbox.add(id, {
          kind: "message",
          ...tag,
          sessionId: id,
          providerMessageId: m.providerMessageId,
          from: {
            handle: m.phone ?? m.jid,
            ...(m.phone ? { phone: m.phone } : {}),
            ...(m.name ? { name: m.name } : {}),
          },
          body: m.text,
          at: m.at.toISOString(),
        });
      },
      receipt: async (providerMessageId, status) => {
        await this.listener.receipt?.(id, providerMessageId, status);
      },
    };
  }

  /** Stores the status (and QR) and tells the Worker when the status itself changed (not on every QR turn). */
  private async report(
    id: string,
    workspaceId: string,
    status: SessionStatus,
    detail: { reason?: string | null; phone?: string | null; qr?: string | null },
    channel: SessionChannel,
  ): Promise<void> {
    await this.repo.setStatus(id, { status, ...detail });
    this.listener.status?.(id, status);
    if (this.lastStatus.get(id) === status) return;
    this.lastStatus.set(id, status);
    if (STOPPED_STATUSES.includes(status)) {
      this.runtimes.delete(id);
      await this.repo.release(this.opts.hostId, [id]);
    }
    await this.outbox.add(id, {
      kind: "session",
      ...(channel === "whatsapp" ? {} : { channel }),
      sessionId: id,
      workspaceId,
      status,
      reason: detail.reason ?? null,
      phone: detail.phone ?? null,
      at: new Date().toISOString(),
    });
  }

  async logout(id: string): Promise<boolean> {
    const runtime = this.runtimes.get(id);
    if (!runtime) return false;
    this.runtimes.delete(id);
    await runtime.logout();
    await this.repo.release(this.opts.hostId, [id]);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.ticking?.catch(() => {});
    const ids = [...this.runtimes.keys()];
    for (const id of ids) await this.runtimes.get(id)?.stop();
    this.runtimes.clear();
    // Not "open" while no host runs them; the next owner reports how it goes from here.
    for (const id of ids)
      await this.repo.setStatus(id, { status: "connecting", reason: "Moving to another host" }).catch(() => {});
    // Released, not left to expire: a host restarted in its place (or another) takes them straight away.
    await this.repo.release(this.opts.hostId, ids).catch(() => {});
  }
}
