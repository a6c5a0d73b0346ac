// The host's configuration, validated once at start-up: a bad or missing value stops the process with a list
// of what is wrong instead of failing later, mid-session.
import { hostname } from "node:os";
import { z } from "zod";

const base64Key = z
  .string()
  .transform((s) => Buffer.from(s, "base64"))
  .refine((b) => b.length === 32, "must be 32 bytes, base64-encoded");

/** `id:base64key,id2:base64key2`: every key that may have sealed a stored row; the active one seals new rows. */
const keyRing = z
  .string()
  .min(1)
  .transform((s, ctx) => {
    const keys = new Map<string, Buffer>();
    for (const part of s.split(",")) {
      const [id, value] = part.trim().split(":");
      const parsed = base64Key.safeParse(value ?? "");
      if (!id || !/^[A-Za-z0-9_-]{1,50}$/.test(id) || !parsed.success) {
        ctx.addIssue({ code: "custom", message: `key "${id ?? ""}" must be <id>:<32 bytes base64>` });
        return z.NEVER;
      }
      keys.set(id, parsed.data);
    }
    return keys;
  });

const EnvSchema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
    SESSION_HOST_PORT: z.coerce.number().int().min(0).max(65535).default(8790),
    SESSION_HOST_HOSTNAME: z.string().default("127.0.0.1"),
    /** Shared with the Worker: signs requests both ways. */
    SESSION_HOST_SECRET: z.string().min(32, "must be at least 32 characters"),
    /** Where events go: the Worker's origin (`/api/hooks/session-host` is appended). */
    SESSION_HOST_WORKER_URL: z.url(),
    SESSION_ENCRYPTION_KEYS: keyRing,
    SESSION_ENCRYPTION_KEY_ID: z.string().min(1),
    /** Unique per running host process; a restarted host with the same id takes its sessions straight back. */
    SESSION_HOST_ID: z.string().min(1).max(200).default(`${hostname()}`),
    /** How the other hosts of a fleet reach this one (default: its listen address). */
    SESSION_HOST_PUBLIC_URL: z.url().optional(),
    SESSION_LEASE_TTL_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    SESSION_HOST_MAX_SESSIONS: z.coerce.number().int().min(1).max(10_000).default(200),
    /** JSON of pacing settings every session starts from (a session's own settings win). */
    SESSION_PACING_DEFAULTS: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (!s) return {} as Record<string, unknown>;
        try {
          const value = JSON.parse(s);
          if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
        } catch {}
        ctx.addIssue({ code: "custom", message: "must be a JSON object" });
        return z.NEVER;
      }),
    /** LinkedIn's web origin, whose internal API LinkedIn sessions call (tests point it at a local fake). */
    LINKEDIN_API_URL: z.url().default("https://www.linkedin.com"),
    /** How often a LinkedIn session looks for new messages (LinkedIn has no push for cookie sessions). */
    LINKEDIN_POLL_MS: z.coerce.number().int().min(200).max(3_600_000).default(60_000),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Test only: a loopback WhatsApp stand-in instead of web.whatsapp.com, and the root key it signs with. */
    WA_WEBSOCKET_URL: z.url().optional(),
    WA_CERT_ROOT_PUBLIC_KEY: base64Key.optional(),
  })
  .refine((env) => env.SESSION_ENCRYPTION_KEYS.has(env.SESSION_ENCRYPTION_KEY_ID), {
    path: ["SESSION_ENCRYPTION_KEY_ID"],
    message: "must name one of the keys in SESSION_ENCRYPTION_KEYS",
  });

export type HostEnv = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): HostEnv {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  throw new Error(`session-host: invalid configuration\n${problems.join("\n")}`);
}
