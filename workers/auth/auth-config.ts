import { AppError } from "../lib/app-error";

export interface AuthConfig {
  /** "embedded": this Worker serves /auth/v1 and signs tokens; "supabase": Supabase Auth does. */
  mode: "embedded" | "supabase";
  /** HS256 secret: signs embedded tokens, or verifies Supabase's legacy HS256 tokens. */
  jwtSecret?: Uint8Array;
  /** Supabase project URL whose JWKS verifies asymmetric access tokens. */
  supabaseUrl?: string;
  accessTokenTtlSeconds: number;
}

const MIN_SECRET_LENGTH = 32;

export function authConfig(env: Env): AuthConfig {
  const supabaseUrl = env.SUPABASE_URL?.trim() || undefined;
  const secret = (supabaseUrl ? env.SUPABASE_JWT_SECRET : env.AUTH_JWT_SECRET)?.trim();
  if (!supabaseUrl && (!secret || secret.length < MIN_SECRET_LENGTH)) {
    // A misconfigured deployment must fail closed and say why in the logs, not accept unsigned tokens.
    throw new AppError("SERVICE_UNAVAILABLE", "Authentication is not configured.", {
      hint: `set AUTH_JWT_SECRET (at least ${MIN_SECRET_LENGTH} characters) or SUPABASE_URL`,
    });
  }
  return {
    mode: supabaseUrl ? "supabase" : "embedded",
    jwtSecret: secret ? new TextEncoder().encode(secret) : undefined,
    supabaseUrl,
    accessTokenTtlSeconds: Number(env.AUTH_ACCESS_TOKEN_TTL_SECONDS) || 3600,
  };
}
