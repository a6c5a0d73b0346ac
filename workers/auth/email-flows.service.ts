// GoTrue's e-mail flows for the embedded auth server: password recovery and magic link / e-mail OTP (POST
// /recover, POST /otp), their verification (POST and GET /verify) and the PKCE code exchange
// (POST /token?grant_type=pkce). Each e-mail carries a link and a 6-digit code; both are single use.
import type { Db } from "../db/client";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { sendMail } from "../mail/mail.service";
import type { AuthConfig } from "./auth-config";
import * as users from "./auth-users.repo";
import { randomToken, sha256Hex, toBase64Url } from "./crypto";
import { issueSession } from "./local-auth.service";
import type { RequestMeta } from "./local-auth.service";
import * as tokens from "./one-time-tokens.repo";

const LINK_TTL_MS = 60 * 60_000; // GoTrue's mailer OTP expiry default: 1 hour
const PKCE_CODE_TTL_MS = 10 * 60_000;

export interface Pkce {
  codeChallenge?: string;
  codeChallengeMethod?: "s256" | "plain";
}

export type VerifyType = "recovery" | "magiclink" | "email";

const KINDS_FOR: Record<VerifyType, readonly ("recovery" | "magiclink")[]> = {
  recovery: ["recovery"],
  magiclink: ["magiclink"],
  email: ["magiclink"],
};

const otpHashFor = (email: string, otp: string) => sha256Hex(`${email.toLowerCase()}:${otp}`);

function sixDigits(): string {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return String(n! % 1_000_000).padStart(6, "0");
}

const invalidOtp = () => new AppError("FORBIDDEN", "Token has expired or is invalid", { authCode: "otp_expired" });

async function mailLink(
  db: Db,
  env: Env,
  user: users.AuthUserRow,
  kind: "recovery" | "magiclink",
  origin: string,
  redirectTo: string,
  pkce: Pkce,
) {
  // GoTrue marks PKCE links with a `pkce_` prefix; the verifier never travels by e-mail.
  const link = `${pkce.codeChallenge ? "pkce_" : ""}${randomToken(32)}`;
  const otp = sixDigits();
  await asService(db, async (tx) =>
    tokens.issueToken(tx, {
      userId: user.id,
      kind,
      tokenHash: await sha256Hex(link),
      otpHash: await otpHashFor(user.email, otp),
      codeChallenge: pkce.codeChallenge ?? null,
      codeChallengeMethod: pkce.codeChallenge ? (pkce.codeChallengeMethod ?? "s256") : null,
      redirectTo,
      expiresAt: new Date(Date.now() + LINK_TTL_MS),
    }),
  );
  const url = `${origin}/auth/v1/verify?${new URLSearchParams({ token: link, type: kind, redirect_to: redirectTo })}`;
  const [subject, action] =
    kind === "recovery"
      ? ["Reset your password", "To choose a new password, open"]
      : ["Your sign-in link", "To sign in, open"];
  await sendMail(db, env, {
    to: user.email,
    kind,
    subject: `${subject} — Rarity Leads`,
    text: `${action} this link (valid for one hour, once):\n\n${url}\n\nOr enter this code: ${otp}\n\nIf you did not ask for this, ignore this e-mail.\n`,
  });
}

/** Always answers the same, whether or not the address has an account (no account discovery). */
export async function requestRecovery(db: Db, env: Env, email: string, origin: string, redirectTo: string, pkce: Pkce) {
  const user = await asService(db, (tx) => users.findUserByEmail(tx, email));
  if (user) await mailLink(db, env, user, "recovery", origin, redirectTo, pkce);
}

export async function requestMagicLink(
  db: Db,
  env: Env,
  input: { email: string; createUser: boolean; data: Record<string, unknown> },
  origin: string,
  redirectTo: string,
  pkce: Pkce,
) {
  let user = await asService(db, (tx) => users.findUserByEmail(tx, input.email));
  if (!user && !input.createUser)
    throw new AppError("VALIDATION_FAILED", "Signups not allowed for otp", { authCode: "otp_disabled" });
  if (!user) {
    user = await asService(db, (tx) => users.insertUser(tx, input.email, null, input.data));
    user ??= await asService(db, (tx) => users.findUserByEmail(tx, input.email)); // created concurrently
  }
  if (user) await mailLink(db, env, user, "magiclink", origin, redirectTo, pkce);
}

/** Spends the link (`token_hash`) or the code (`email` + `token`); answers like GoTrue when it is not valid. */
export async function spendEmailToken(
  db: Db,
  type: VerifyType,
  proof: { tokenHash: string } | { email: string; token: string },
) {
  const by =
    "tokenHash" in proof
      ? { tokenHash: await sha256Hex(proof.tokenHash) }
      : { otpHash: await otpHashFor(proof.email, proof.token) };
  const spent = await asService(db, (tx) => tokens.spendToken(tx, by, KINDS_FOR[type]));
  if (!spent) throw invalidOtp();
  return spent;
}

export async function sessionForUser(db: Db, config: AuthConfig, userId: string, meta: RequestMeta) {
  const user = await asService(db, async (tx) => {
    await users.confirmAndTouch(tx, userId);
    return users.findUserById(tx, userId);
  });
  if (!user) throw invalidOtp();
  return issueSession(db, config, user, meta);
}

/** GET /verify with a PKCE link: the browser gets a short-lived code bound to the original challenge. */
export async function issuePkceCode(
  db: Db,
  spent: { userId: string; kind: string; codeChallenge: string | null; codeChallengeMethod: "s256" | "plain" | null },
) {
  const code = crypto.randomUUID();
  await asService(db, async (tx) =>
    tokens.issueToken(tx, {
      userId: spent.userId,
      kind: "pkce_code",
      tokenHash: await sha256Hex(code),
      codeChallenge: spent.codeChallenge,
      codeChallengeMethod: spent.codeChallengeMethod,
      flow: spent.kind,
      expiresAt: new Date(Date.now() + PKCE_CODE_TTL_MS),
    }),
  );
  return code;
}

export async function exchangePkceCode(
  db: Db,
  config: AuthConfig,
  authCode: string,
  codeVerifier: string,
  meta: RequestMeta,
) {
  const spent = await asService(db, async (tx) =>
    tokens.spendToken(tx, { tokenHash: await sha256Hex(authCode) }, ["pkce_code"]),
  );
  if (!spent)
    throw new AppError("RESOURCE_NOT_FOUND", "invalid flow state, no valid flow state found", {
      authCode: "flow_state_not_found",
    });
  const expected =
    spent.codeChallengeMethod === "plain"
      ? codeVerifier
      : toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier))));
  if (!spent.codeChallenge || expected !== spent.codeChallenge) {
    throw new AppError("FORBIDDEN", "code challenge does not match previously saved code verifier", {
      authCode: "bad_code_verifier",
    });
  }
  return sessionForUser(db, config, spent.userId, meta);
}
