// One send loop per running session: the oldest pending message goes out when pacing allows, through the
// session's driver (WhatsApp: seen, typing, then the message with the id fixed at acceptance, so a send repeated
// after a crash is the same message to the recipient; LinkedIn: decision 020).
import { classifySignal } from "../pacing/pause-signals";
import { planSend, recordSent, type SendPlan } from "../pacing/sender-pacer";
import type { Counters } from "../ops/metrics";
import type { Logger } from "../ops/logger";
import type { Outbox } from "../outbox/outbox";
import type { OutboundRepo, OutboundRow } from "../store/outbound.repo";
import type { SessionsRepo } from "../store/sessions.repo";
import type { PacingStore } from "./pacing.store";
import { PermanentSendError, type SessionDriver } from "./session-driver";

const MAX_ATTEMPTS = 5;
const IDLE_MS = 30_000;
/** How many recipients' next messages are weighed against each other each round. */
const HEADS = 25;

/** When a plan lets the message start: now, later, or (paused for a person) never. */
function startOf(plan: SendPlan, now: number): number {
  if (plan.kind === "send_at") return now;
  if (plan.kind === "wait") return plan.until;
  return plan.until ?? Number.POSITIVE_INFINITY;
}

export interface SenderDeps {
  outbound: OutboundRepo;
  repo: SessionsRepo;
  pacing: PacingStore;
  outbox: Outbox;
  logger: Logger;
  counters: Counters;
  runtime(id: string): SessionDriver | undefined;
}

class SendLoop {
  stopped = false;
  private wakeUp: (() => void) | undefined;

  constructor(
    readonly id: string,
    private readonly deps: SenderDeps,
  ) {}

  wake(): void {
    this.wakeUp?.();
  }

  /** Waits `ms`, or less if woken (a new message, a resume) or stopped. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, ms));
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.step();
      } catch (error) {
        this.deps.logger.error("send loop", { session: this.id, error: (error as Error).message });
        await this.idle(5_000);
      }
    }
  }

  private async step(): Promise<void> {
    const { outbound, repo, pacing } = this.deps;
    const runtime = this.deps.runtime(this.id);
    if (!runtime?.ready) return this.idle(2_000);
    const candidates = await outbound.heads(this.id, HEADS);
    if (candidates.length === 0) return this.idle(IDLE_MS);
    const session = await repo.get(this.id);
    if (!session) return this.stop();
    const settings = pacing.settingsOf(session);
    const state = pacing.stateOf(session);
    const now = Date.now();
    const planned = candidates.map((row) => ({
      row,
      plan: planSend(state, settings, {
        now,
        newContact: row.new_contact,
        reply: row.reply,
        textLength: row.content?.text?.length ?? row.content?.media?.caption?.length ?? 0,
        ...(row.recipient_time_zone ? { recipientTimeZone: row.recipient_time_zone } : {}),
      }),
    }));
    // One recipient's night (quiet hours) or a new-contact limit must not hold messages that may go now.
    const { row, plan } = planned.reduce((best, next) =>
      startOf(next.plan, now) < startOf(best.plan, now) ? next : best,
    );
    if (plan.kind === "paused") return this.idle(plan.until ? plan.until - now : IDLE_MS);
    if (plan.kind === "wait") return this.idle(plan.until - now);
    if (!(await this.deliver(row, runtime, plan.typingMs))) return;
    await pacing.save(
      this.id,
      recordSent(state, settings, { at: Date.now(), newContact: row.new_contact }, pacing.rng),
    );
  }

  /** False when the message did not go out (it is queued again, paused, or failed for good). */
  private async deliver(row: OutboundRow, runtime: SessionDriver, typingMs: number): Promise<boolean> {
    const { outbound, outbox, counters, pacing, repo } = this.deps;
    await outbound.markSending(row.id);
    try {
      await runtime.deliver(row, typingMs);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const statusCode =
        (error as { statusCode?: number }).statusCode ??
        (error as { output?: { statusCode?: number } }).output?.statusCode;
      const verdict =
        error instanceof PermanentSendError
          ? ({ action: "none" } as const)
          : classifySignal({ source: "send_error", statusCode, message });
      const session = await repo.get(this.id);
      if (verdict.action === "pause" && session) {
        await pacing.pause(session, verdict.reason, verdict.detail);
        await outbound.markQueued(row.id, verdict.reason);
      } else if (error instanceof PermanentSendError || row.attempts + 1 >= MAX_ATTEMPTS) {
        const code = error instanceof PermanentSendError ? error.code : "send_failed";
        await outbound.markFailed(row.id, code);
        counters.failed++;
        await outbox.add(this.id, {
          kind: "status",
          ...(runtime.channel === "linkedin" ? { channel: "linkedin" as const } : {}),
          sessionId: this.id,
          providerMessageId: row.wa_message_id,
          status: "failed",
          errorCode: code,
          at: new Date().toISOString(),
        });
      } else {
        await outbound.markQueued(row.id, "send_error");
        await this.idle(2_000 * 2 ** row.attempts);
      }
      this.deps.logger.warn("send failed", { session: this.id, message: row.id, statusCode, verdict: verdict.action });
      return false;
    }
    await outbound.markSent(row.id);
    counters.sent++;
    await outbox.add(this.id, {
      kind: "status",
      ...(runtime.channel === "linkedin" ? { channel: "linkedin" as const } : {}),
      sessionId: this.id,
      providerMessageId: row.wa_message_id,
      status: "sent",
      at: new Date().toISOString(),
    });
    return true;
  }

  stop(): void {
    this.stopped = true;
    this.wake();
  }
}

export class Sender {
  private readonly loops = new Map<string, SendLoop>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: SenderDeps) {}

  attach(id: string): void {
    if (this.loops.has(id)) {
      this.wake(id);
      return;
    }
    const loop = new SendLoop(id, this.deps);
    this.loops.set(id, loop);
    const run = loop.run().finally(() => this.running.delete(run));
    this.running.add(run);
  }

  detach(id: string): void {
    this.loops.get(id)?.stop();
    this.loops.delete(id);
  }

  wake(id: string): void {
    this.loops.get(id)?.wake();
  }

  /** Stops every loop and waits (briefly: a send may be mid-typing) for them to let go of the database. */
  async stopAll(): Promise<void> {
    for (const id of [...this.loops.keys()]) this.detach(id);
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, 3_000))]);
  }
}
