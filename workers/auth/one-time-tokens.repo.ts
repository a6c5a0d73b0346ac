import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { authOneTimeTokens } from "../db/schema";
import type { OneTimeTokenKind } from "../db/schema";
import type { Queryable } from "../db/tenant";

export interface NewOneTimeToken {
  userId: string;
  kind: OneTimeTokenKind;
  tokenHash: string;
  otpHash?: string | null;
  codeChallenge?: string | null;
  codeChallengeMethod?: "s256" | "plain" | null;
  flow?: string | null;
  redirectTo?: string | null;
  expiresAt: Date;
}

const SPENT_COLUMNS = {
  userId: authOneTimeTokens.userId,
  kind: authOneTimeTokens.kind,
  codeChallenge: authOneTimeTokens.codeChallenge,
  codeChallengeMethod: authOneTimeTokens.codeChallengeMethod,
  flow: authOneTimeTokens.flow,
  redirectTo: authOneTimeTokens.redirectTo,
};

/** A new link/code for a flow replaces the user's earlier unused ones of the same kind (GoTrue does too). */
export async function issueToken(db: Queryable, token: NewOneTimeToken) {
  if (token.kind !== "pkce_code") {
    await db
      .delete(authOneTimeTokens)
      .where(
        and(
          eq(authOneTimeTokens.userId, token.userId),
          eq(authOneTimeTokens.kind, token.kind),
          isNull(authOneTimeTokens.usedAt),
        ),
      );
  }
  await db.insert(authOneTimeTokens).values(token);
}

/** Spends a token in one UPDATE, so two parallel verifications cannot both succeed. */
export async function spendToken(
  db: Queryable,
  by: { tokenHash: string } | { otpHash: string },
  kinds: readonly OneTimeTokenKind[],
) {
  const match =
    "tokenHash" in by ? eq(authOneTimeTokens.tokenHash, by.tokenHash) : eq(authOneTimeTokens.otpHash, by.otpHash);
  const [row] = await db
    .update(authOneTimeTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        match,
        isNull(authOneTimeTokens.usedAt),
        gt(authOneTimeTokens.expiresAt, sql`now()`),
        sql`${authOneTimeTokens.kind} in (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})`,
      ),
    )
    .returning(SPENT_COLUMNS);
  return row;
}
