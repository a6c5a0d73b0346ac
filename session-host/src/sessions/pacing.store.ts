// A session's pacing settings and state, read and written through its row. A setting a session does not set
// takes, first to last: the host's defaults for its channel (SESSION_PACING_DEFAULTS' "linkedin"/"whatsapp" key),
// its channel's own defaults (LinkedIn's are stricter, and the Worker shows them), the host-wide defaults (the
// flat keys of SESSION_PACING_DEFAULTS), then the engine's safe defaults for a WhatsApp number. Host-wide
// defaults never loosen a channel's own: an operator who means to must name the channel.
import type { SessionChannel } from "../protocol/api";
import { CHANNEL_PACING_DEFAULTS, CHANNEL_PACING_LIMITS } from "../pacing/channel-pacing";
import { type PacingSettings, PacingSettingsPatchSchema, PacingSettingsSchema } from "../pacing/pacing-settings";
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

  settingsOf(row: Pick<SessionRow, "channel" | "pacing_settings">): PacingSettings {
    return PacingSettingsSchema.parse({ ...this.defaultsOf(row.channel), ...row.pacing_settings });
  }

  private defaultsOf(channel: SessionChannel): Record<string, unknown> {
    const { whatsapp, linkedin, ...hostWide } = this.defaults;
    const forChannel = channel === "linkedin" ? linkedin : whatsapp;
    return {
      ...hostWide,
      ...CHANNEL_PACING_DEFAULTS[channel],
      ...(forChannel && typeof forChannel === "object" ? (forChannel as Record<string, unknown>) : {}),
    };
  }

  /**
   * The overrides to store after a change: the session's own plus the keys sent, and nothing else, so a limit the
   * rep did not touch keeps following its channel's default. The result as it would apply is checked whole (the
   * cross-field rules, and the channel's ceilings); bad input throws a ZodError.
   */
  overridesAfter(row: SessionRow, input: unknown): Record<string, unknown> {
    const patch = PacingSettingsPatchSchema.parse(input);
    const sent = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const overrides = { ...row.pacing_settings, ...sent };
    const ceilings = CHANNEL_PACING_LIMITS[row.channel];
    PacingSettingsSchema.superRefine((s, ctx) => {
      for (const [key, max] of Object.entries(ceilings))
        if ((s[key as keyof PacingSettings] as number) > max)
          ctx.addIssue({ code: "custom", path: [key], message: `at most ${max} on ${row.channel}` });
    }).parse({ ...this.defaultsOf(row.channel), ...overrides });
    return overrides;
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
