import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import type { JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { AppError } from "../lib/app-error";
import type { AuthConfig } from "./auth-config";

/** What we accept from an access token, Supabase's claim shape. */
export const AccessClaimsSchema = z.object({
  sub: z.uuid(),
  role: z.literal("authenticated"),
  aud: z.union([z.literal("authenticated"), z.array(z.string()).refine((a) => a.includes("authenticated"))]),
  exp: z.number(),
  email: z.string().optional(),
  session_id: z.string().optional(),
});
export type AccessClaims = z.infer<typeof AccessClaimsSchema> & Record<string, unknown>;

export interface TokenUser {
  id: string;
  email: string;
  userMetadata: Record<string, unknown>;
}

export async function signAccessToken(config: AuthConfig, user: TokenUser, sessionId: string, issuer: string) {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + config.accessTokenTtlSeconds;
  const token = await new SignJWT({
    email: user.email,
    phone: "",
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: user.userMetadata,
    role: "authenticated",
    aal: "aal1",
    amr: [{ method: "password", timestamp: now }],
    session_id: sessionId,
    is_anonymous: false,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(user.id)
    .setAudience("authenticated")
    .setIssuer(issuer)
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(requireSecret(config));
  return { token, expiresAt };
}

/** The public "anon" key supabase-js sends as `apikey` in embedded mode. */
export function signAnonKey(config: AuthConfig, issuer: string): Promise<string> {
  return new SignJWT({ role: "anon" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(issuer)
    .setIssuedAt(0)
    .sign(requireSecret(config));
}

export async function isValidAnonKey(config: AuthConfig, key: string): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(key, requireSecret(config), { algorithms: ["HS256"] });
    return payload.role === "anon" || payload.role === "service_role";
  } catch {
    return false;
  }
}

const jwksByUrl = new Map<string, JWTVerifyGetKey>();

/** Verifies signature, algorithm, audience and expiry; anything else is a 401. `alg: none` never passes. */
export async function verifyAccessToken(config: AuthConfig, token: string): Promise<AccessClaims> {
  try {
    const { alg } = decodeProtectedHeader(token);
    const { payload } =
      alg === "HS256" && config.jwtSecret
        ? await jwtVerify(token, config.jwtSecret, { algorithms: ["HS256"], audience: "authenticated" })
        : await jwtVerify(token, jwks(config), { algorithms: ["RS256", "ES256"], audience: "authenticated" });
    const claims = AccessClaimsSchema.safeParse(payload);
    if (!claims.success) throw new Error("unexpected claims");
    return payload as AccessClaims;
  } catch {
    throw new AppError("UNAUTHENTICATED", "The access token is invalid or has expired.");
  }
}

function jwks(config: AuthConfig): JWTVerifyGetKey {
  if (!config.supabaseUrl) throw new Error("no JWKS in embedded mode");
  const url = `${config.supabaseUrl.replace(/\/$/, "")}/auth/v1/.well-known/jwks.json`;
  let keys = jwksByUrl.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
    jwksByUrl.set(url, keys);
  }
  return keys;
}

function requireSecret(config: AuthConfig): Uint8Array {
  if (!config.jwtSecret) throw new Error("no JWT secret configured");
  return config.jwtSecret;
}
