import { AppError } from "../lib/app-error";
import { fromBase64Url, timingSafeEqual, toBase64Url } from "./crypto";

// PBKDF2-SHA256 is the slow KDF WebCrypto offers in Workers; 100,000 iterations is the platform's maximum.
const ITERATIONS = 100_000;
const SCHEME = "pbkdf2_sha256";

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** `pbkdf2_sha256$<iterations>$<salt>$<hash>` — self-describing so the cost can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  return `${SCHEME}$${ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iterations, salt, hash] = (stored ?? "").split("$");
  if (scheme !== SCHEME || !iterations || !salt || !hash) {
    // Spend the same time as a real check so unknown users are not distinguishable by timing.
    await derive(password, new Uint8Array(16), ITERATIONS);
    return false;
  }
  const actual = await derive(password, fromBase64Url(salt), Number(iterations));
  return timingSafeEqual(actual, fromBase64Url(hash));
}

export const MIN_PASSWORD_LENGTH = 8;

/** GoTrue's weak-password answer: 422 `weak_password` with `weak_password.reasons`. */
export function assertStrongPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("VALIDATION_FAILED", `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`, {
      authCode: "weak_password",
      reasons: ["length"],
    });
  }
}
