// Sealed channel credentials and OAuth states against the real test database: what is stored is not the token,
// a value moved to another account does not open, a rotated key still opens old rows, and a state works once.
import { env } from "cloudflare:test";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { channelCredentials } from "../db/schema";
import { asService } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { createUser } from "../../test/support/auth";
import { createChannelAccount, workspaceOf } from "../../test/support/factories";
import { testDb } from "../../test/support/messaging-db";
import { loadAccountCredentials, saveAccountCredentials } from "./channel-credentials";
import { finishOAuthFlow, pkcePair, startOAuthFlow } from "./oauth-state.service";

const keyring = (keys: [string, string][], active: string) =>
  ({
    ...env,
    CHANNEL_SECRETS_KEYS: keys.map(([id, raw]) => `${id}:${btoa(raw)}`).join(","),
    CHANNEL_SECRETS_KEY_ID: active,
  }) as Env;
const OLD = "an-old-key-that-is-32-bytes-long";
const NEW = "a-new-key--that-is-32-bytes-long";

async function accountOf(label: string) {
  const user = await createUser(label);
  const account = await createChannelAccount(user, { channel: "facebook" });
  return { user, account, workspaceId: await workspaceOf(user) };
}

describe("sealed channel credentials", () => {
  it("stores a token sealed, opens it for its own account only, and refuses without a key", async () => {
    const { account, workspaceId } = await accountOf("creds-seal");
    const other = await accountOf("creds-seal-other");
    const db = testDb();
    await asService(db, (tx) => saveAccountCredentials(tx, env, workspaceId, account.id, { pageToken: "EAAG-secret" }));
    const [row] = await db.select().from(channelCredentials).where(eq(channelCredentials.accountId, account.id));
    expect(row!.sealed).not.toContain("EAAG-secret");
    expect(await asService(db, (tx) => loadAccountCredentials(tx, env, workspaceId, account.id))).toEqual({
      pageToken: "EAAG-secret",
    });
    // Another workspace asking for this account finds nothing; the sealed value copied onto another account
    // does not open (the account id is the additional data).
    expect(await asService(db, (tx) => loadAccountCredentials(tx, env, other.workspaceId, account.id))).toBeUndefined();
    await db.execute(sql`insert into channel_credentials (account_id, workspace_id, key_id, sealed)
      values (${other.account.id}, ${other.workspaceId}, ${row!.keyId}, ${row!.sealed})`);
    await expect(
      asService(db, (tx) => loadAccountCredentials(tx, env, other.workspaceId, other.account.id)),
    ).rejects.toThrow();
    const noKeys = { ...env, CHANNEL_SECRETS_KEYS: undefined } as Env;
    await expect(
      asService(db, (tx) => saveAccountCredentials(tx, noKeys, workspaceId, account.id, {})),
    ).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });

  it("opens values sealed under an older key after rotation, and re-seals them under the new one on save", async () => {
    const { account, workspaceId } = await accountOf("creds-rotate");
    const db = testDb();
    const before = keyring([["k1", OLD]], "k1");
    const after = keyring(
      [
        ["k2", NEW],
        ["k1", OLD],
      ],
      "k2",
    );
    await asService(db, (tx) => saveAccountCredentials(tx, before, workspaceId, account.id, { token: "t1" }));
    expect(await asService(db, (tx) => loadAccountCredentials(tx, after, workspaceId, account.id))).toEqual({
      token: "t1",
    });
    await asService(db, (tx) => saveAccountCredentials(tx, after, workspaceId, account.id, { token: "t2" }));
    const [row] = await db.select().from(channelCredentials).where(eq(channelCredentials.accountId, account.id));
    expect(row!.keyId).toBe("k2");
    await expect(asService(db, (tx) => loadAccountCredentials(tx, before, workspaceId, account.id))).rejects.toThrow();
  });
});

describe("OAuth connect state", () => {
  it("is used once, by its own provider, before it expires", async () => {
    const { user, workspaceId } = await accountOf("oauth-state");
    const db = testDb();
    const { verifier } = await pkcePair();
    const flow = { workspaceId, userId: user.id, provider: "x", codeVerifier: verifier, data: { next: "/x" } };
    const state = await startOAuthFlow(db, flow);
    await expect(finishOAuthFlow(db, "meta", state)).rejects.toBeInstanceOf(AppError);
    expect(await finishOAuthFlow(db, "x", state)).toMatchObject({ workspaceId, codeVerifier: verifier });
    await expect(finishOAuthFlow(db, "x", state)).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const stale = await startOAuthFlow(db, flow, new Date(Date.now() - 11 * 60 * 1000));
    await expect(finishOAuthFlow(db, "x", stale)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(finishOAuthFlow(db, "x", undefined)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("makes PKCE pairs whose challenge is the verifier's S256", async () => {
    const { verifier, challenge } = await pkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
    const expected = btoa(String.fromCharCode(...digest))
      .replaceAll("+", "-")
      .replaceAll("/", "_")
      .replace(/=+$/, "");
    expect(challenge).toBe(expected);
  });
});
