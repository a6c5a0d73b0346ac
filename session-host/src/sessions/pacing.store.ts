// A session's pacing settings and state, read and written through its row. Settings a session does not set take
// the host's defaults (SESSION_PACING_DEFAULTS), then its channel's (LinkedIn's are stricter), then the engine's
// safe defaults for a WhatsApp number.
import { CHANNEL_PACING_DEFAULTS } from "../pacing/channel-pacing";
import { type PacingSettings, PacingSettingsSchema } from "../pacing/pacing-settings";
import { type PauseReason, pauseFor, resume } from "../pacing/pause-signals";
import type { Rng } from "../pacing/seeded-rng";
import { createSenderState, parseSenderState, type SenderState } from "../pacing/sender-state";
import type { SessionRow, SessionsRepo } from "../store/sessions.repo";

export class PacingStore {
  constructor(
    private readonly repo: SessionsRepo,
    private readonly defaults: Record<string, unknown>,
    readonly rng: Rng = Math.random,
  ) {}

  settingsOf(row: SessionRow): PacingSettings {
    return PacingSettingsSchema.parse({
      ...CHANNEL_PACING_DEFAULTS[row.channel],
      ...this.defaults,
      ...row.pacing_settings,
    });
  }

  /** A number starts in warm-up the first time it sends through us: we cannot know how it was used before. */
  stateOf(row: SessionRow, now = Date.now()): SenderState {
    if (row.pacing_state) {
      try {
        return parseSenderState(row.pacing_state);
      } catch {
        // A state written by an older version: start over rather than stop sending.
      }
    }
    return createSenderState(this.settingsOf(row), { now, newNumber: true }, this.rng);
  }

  async save(id: string, state: SenderState): Promise<void> {
    await this.repo.setPacing(id, { state });
  }

  async pause(row: SessionRow, reason: PauseReason, detail?: string, now = Date.now()): Promise<SenderState> {
    const state = pauseFor(this.stateOf(row, now), this.settingsOf(row), {
      reason,
      at: now,
      ...(detail ? { detail } : {}),
    });
    await this.save(row.id, state);
    return state;
  }

  async resume(row: SessionRow): Promise<void> {
    await this.save(row.id, resume(this.stateOf(row)));
  }
}
