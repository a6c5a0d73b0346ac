import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";

async function createKey(owner: TestUser, scopes: string[], name = "Zapier") {
  const res = await postJson("/api/api-keys", { name, scopes }, owner.headers);
  expect(res.status).toBe(201);
  return res.body as { apiKey: { id: string; prefix: string; scopes: string[] }; key: string };
}

describe("API keys", () => {
  it("are shown once, listed by prefix only, and act as the workspace", async () => {
    const owner = await createUser("keys");
    const { apiKey, key } = await createKey(owner, ["read", "write"]);
    expect(key).toMatch(/^rlk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);

    const listed = await call("/api/api-keys", { headers: owner.headers });
    expect(listed.body.apiKeys).toEqual([
      expect.objectContaining({ id: apiKey.id, prefix: apiKey.prefix, lastUsedAt: null, revokedAt: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const ownerMe = await call("/api/me", { headers: owner.headers });
    const ways: Record<string, string>[] = [{ authorization: `Bearer ${key}` }, { "x-api-key": key }];
    for (const headers of ways) {
      const me = await call("/api/me", { headers });
      expect(me.status).toBe(200);
      expect(me.body.workspace.id).toBe(ownerMe.body.workspace.id);
      expect(me.body.workspaces).toHaveLength(1);
    }
  });

  it("stop working the moment they are revoked", async () => {
    const owner = await createUser("revoke");
    const { apiKey, key } = await createKey(owner, ["read"]);
    expect((await call("/api/me", { headers: { "x-api-key": key } })).status).toBe(200);
    const revoked = await call(`/api/api-keys/${apiKey.id}`, { method: "DELETE", headers: owner.headers });
    expect(revoked.status).toBe(200);
    expect(revoked.body.apiKey.revokedAt).not.toBeNull();
    const after = await call("/api/me", { headers: { "x-api-key": key } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("with only the read scope cannot write", async () => {
    const owner = await createUser("readonly");
    const { key } = await createKey(owner, ["read"]);
    const res = await postJson("/api/workspaces", { name: "Sneaky" }, { "x-api-key": key });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("cannot manage other keys, and a made-up key is a 401", async () => {
    const owner = await createUser("nokeymgmt");
    const { key } = await createKey(owner, ["read", "write"]);
    const res = await postJson("/api/api-keys", { name: "Child", scopes: ["write"] }, { "x-api-key": key });
    expect(res.status).toBe(403);
    const fake = await call("/api/me", { headers: { "x-api-key": `rlk_${"A".repeat(43)}` } });
    expect(fake.status).toBe(401);
  });

  it("are audited when created and revoked, and other workspaces cannot see or revoke them", async () => {
    const [owner, stranger] = [await createUser("audited"), await createUser("stranger")];
    const { apiKey } = await createKey(owner, ["read"]);
    const steal = await call(`/api/api-keys/${apiKey.id}`, { method: "DELETE", headers: stranger.headers });
    expect(steal.status).toBe(404);
    expect((await call("/api/api-keys", { headers: stranger.headers })).body.apiKeys).toEqual([]);
    await call(`/api/api-keys/${apiKey.id}`, { method: "DELETE", headers: owner.headers });
    const audit = await call("/api/audit-log", { headers: owner.headers });
    const events = audit.body.entries
      .filter((e: { subject: string }) => e.subject === apiKey.id)
      .map((e: { event: string }) => e.event);
    expect(events.sort()).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("validate their input per field", async () => {
    const owner = await createUser("keyvalidation");
    const res = await postJson("/api/api-keys", { name: "", scopes: ["admin"] }, owner.headers);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(["name", "scopes.0"]);
  });
});
