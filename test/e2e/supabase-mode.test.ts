// Production mode: Supabase Auth issues asymmetric (ES256) tokens; the Worker verifies them against the
// project's JWKS. A local server plays Supabase's documented `/auth/v1/.well-known/jwks.json` endpoint.
import { createServer } from "node:http";
import type { Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startProcess, waitForHttp } from "../../scripts/lib/processes.ts";
import type { StartedProcess } from "../../scripts/lib/processes.ts";
import { testDatabaseUrl } from "../support/test-env.ts";

const KID = "test-key-1";
const ANON_KEY = "supabase-anon-key-for-tests";
let jwksHits = 0;
let fakeSupabase: Server;
let app: StartedProcess;
let appUrl: string;
let persistDir: string;
let signingKey: CryptoKey;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  signingKey = privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: "ES256", use: "sig" };
  fakeSupabase = createServer((req, res) => {
    if (req.url === "/auth/v1/.well-known/jwks.json") {
      jwksHits++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  const supabasePort = await freePort();
  await new Promise<void>((resolve) => fakeSupabase.listen(supabasePort, "127.0.0.1", resolve));

  const port = await freePort();
  persistDir = await mkdtemp(join(tmpdir(), "rarity-supabase-mode-"));
  app = startProcess(
    "bun",
    [
      "scripts/dev.ts",
      "--preview",
      "--no-build",
      "--",
      "--persist-to",
      persistDir,
      "--var",
      `SUPABASE_URL:http://127.0.0.1:${supabasePort}`,
      "--var",
      `SUPABASE_ANON_KEY:${ANON_KEY}`,
    ],
    { env: { PORT: String(port), DATABASE_URL: testDatabaseUrl() } },
  );
  appUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${appUrl}/api/health`, 90_000, app);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  fakeSupabase?.close();
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

/** Supabase Auth created this user; our trigger gives them a personal workspace. */
async function supabaseUser(): Promise<{ id: string; email: string }> {
  const email = `supa-${crypto.randomUUID().slice(0, 8)}@example.test`;
  const sql = postgres(testDatabaseUrl(), { max: 1 });
  const [row] = await sql`insert into auth.users (email) values (${email}) returning id`;
  await sql.end();
  return { id: row!.id as string, email };
}

function token(sub: string, email: string, key: CryptoKey = signingKey, alg = "ES256") {
  return new SignJWT({ role: "authenticated", email, session_id: crypto.randomUUID() })
    .setProtectedHeader({ alg, kid: KID, typ: "JWT" })
    .setSubject(sub)
    .setAudience("authenticated")
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(key);
}

describe("with SUPABASE_URL set", () => {
  it("accepts Supabase's ES256 access tokens, verified through the cached JWKS", async () => {
    const user = await supabaseUser();
    const bearer = { authorization: `Bearer ${await token(user.id, user.email)}` };
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${appUrl}/api/me`, { headers: bearer });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        user: { id: user.id, email: user.email },
        workspace: { personal: true, role: "owner" },
      });
    }
    expect(jwksHits).toBeGreaterThanOrEqual(1);
    expect(jwksHits).toBeLessThan(3);
  });

  it("rejects tokens signed by any other key, and HS256 tokens without a configured secret", async () => {
    const user = await supabaseUser();
    const { privateKey: otherKey } = await generateKeyPair("ES256");
    const forged = await fetch(`${appUrl}/api/me`, {
      headers: { authorization: `Bearer ${await token(user.id, user.email, otherKey as CryptoKey)}` },
    });
    expect(forged.status).toBe(401);
    const hs = await new SignJWT({ role: "authenticated" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(user.id)
      .setAudience("authenticated")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("x".repeat(40)));
    expect((await fetch(`${appUrl}/api/me`, { headers: { authorization: `Bearer ${hs}` } })).status).toBe(401);
  });

  it("hands the UI Supabase's URL and anon key, and no longer serves the embedded /auth/v1", async () => {
    const config = (await (await fetch(`${appUrl}/api/auth/config`)).json()) as {
      mode: string;
      anonKey: string;
      supabaseUrl: string;
    };
    expect(config).toMatchObject({ mode: "supabase", anonKey: ANON_KEY });
    expect(config.supabaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const signup = await fetch(`${appUrl}/auth/v1/signup`, { method: "POST", body: "{}" });
    expect(signup.status).toBe(404);
  });
});
