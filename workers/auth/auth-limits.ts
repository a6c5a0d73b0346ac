// Rate limits of the embedded auth server, kept in the RateLimiter Durable Object (one per key, atomic per
// key, shared by every isolate). Limits are wrangler vars; the defaults are below.
import { AppError } from "../lib/app-error";

export const AUTH_LIMIT_DEFAULTS = {
  /** Sign-up, password sign-in, recovery, magic link and OTP verification, per client IP. */
  ipPerMinute: 60,
  /** Sign-ups and auth e-mails (recovery, magic link) per address. */
  emailPerHour: 10,
  /** Password attempts per address before the lockout; successful sign-ins give their slot back. */
  signInAttemptsPerMinute: 10,
} as const;

export const SIGN_IN_WINDOW_SECONDS = 60;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function tooMany(message: string, retryAfterSeconds: number, authCode = "over_request_rate_limit") {
  return new AppError("RATE_LIMITED", message, { authCode, retryAfterSeconds: Math.max(1, retryAfterSeconds) });
}

export async function limitByIp(env: Env, ip: string) {
  const perMinute = positive(env.AUTH_RATE_LIMIT_IP_PER_MINUTE, AUTH_LIMIT_DEFAULTS.ipPerMinute);
  const decision = await env.RateLimiter.getByName(`auth-ip:${ip}`).take(perMinute, perMinute / 60);
  if (!decision.allowed) throw tooMany("Request rate limit reached", decision.retryAfterSeconds);
}

export async function limitByEmail(env: Env, email: string) {
  const perHour = positive(env.AUTH_RATE_LIMIT_EMAIL_PER_HOUR, AUTH_LIMIT_DEFAULTS.emailPerHour);
  const decision = await env.RateLimiter.getByName(`auth-email:${email.toLowerCase()}`).take(perHour, perHour / 3600);
  if (!decision.allowed) {
    throw tooMany(
      "For security purposes, you can only request this after a while.",
      decision.retryAfterSeconds,
      "over_email_send_rate_limit",
    );
  }
}

/**
 * Reserves one password attempt for this address, atomically: of N parallel attempts at most the limit
 * reach the password check. Returns a release function for a successful sign-in.
 */
export async function reserveSignInAttempt(
  env: Env,
  email: string,
): Promise<{ allowed: boolean; retryAfterSeconds: number; release(): Promise<void> }> {
  const limit = positive(env.AUTH_SIGN_IN_ATTEMPTS_PER_MINUTE, AUTH_LIMIT_DEFAULTS.signInAttemptsPerMinute);
  const stub = env.RateLimiter.getByName(`auth-sign-in:${email.toLowerCase()}`);
  const decision = await stub.reserveInWindow(limit, SIGN_IN_WINDOW_SECONDS);
  return {
    allowed: decision.allowed,
    retryAfterSeconds: decision.retryAfterSeconds,
    release: () => stub.returnToWindow(),
  };
}
