import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createWorkspace, type FileDatabase, fileDatabase } from "../../test/support/db";
import { SealedBox } from "../crypto/sealed-box";
import { AuthStateStore } from "./auth-state.store";
import { SessionsRepo } from "./sessions.repo";

let db: FileDatabase;
let sql: FileDatabase["sql"];
beforeAll(async () => {
  db = await fileDatabase();
  sql = db.sql;
});
afterAll(() => db.drop());
const k1 = new Uint8Array(32).fill(1);
const k2 = new Uint8Array(32).fill(2);

async function newSession() {
  return (
    await new SessionsRepo(sql).create({ workspaceId: await createWorkspace(sql), channel: "whatsapp", name: "Sales" })
  ).id;
}

describe("auth state in Postgres", () => {
  test("creds and keys survive a reload, and nothing is stored in clear", async () => {
    const store = new AuthStateStore(sql, new SealedBox(new Map([["k1", k1]]), "k1"));
    const id = await newSession();
    const first = await store.load(id);
    first.state.creds.me = { id: "4915112345678:3@s.whatsapp.net", name: "Sales phone" };
    await first.saveCreds();
    await first.state.keys.set({
      session: { "4917600000001.0": new Uint8Array([1, 2, 3]) },
      "pre-key": { "7": { public: Buffer.alloc(32, 9), private: Buffer.alloc(32, 8) } },
    });

    const again = await new AuthStateStore(sql, new SealedBox(new Map([["k1", k1]]), "k1")).load(id);
    expect(again.state.creds.me?.id).toBe("4915112345678:3@s.whatsapp.net");
    expect(again.state.creds.noiseKey.private).toEqual(first.state.creds.noiseKey.private);
    const sessions = await again.state.keys.get("session", ["4917600000001.0", "missing"]);
    expect([...(sessions["4917600000001.0"] ?? [])]).toEqual([1, 2, 3]);
    expect(sessions.missing).toBeUndefined();
    expect(await store.hasLogin(id)).toBe(true);

    const raw = await sql<
      { ciphertext: Uint8Array }[]
    >`select ciphertext from session_host.auth_keys where session_id = ${id}`;
    expect(raw.length).toBe(3);
    for (const row of raw) expect(Buffer.from(row.ciphertext).toString("latin1")).not.toContain("4915112345678");
  });

  test("a key set to null is deleted; wipe removes the whole login", async () => {
    const store = new AuthStateStore(sql, new SealedBox(new Map([["k1", k1]]), "k1"));
    const id = await newSession();
    const { state, saveCreds } = await store.load(id);
    await saveCreds();
    await state.keys.set({ "sender-key": { a: new Uint8Array([1]), b: new Uint8Array([2]) } });
    await state.keys.set({ "sender-key": { a: null } });
    expect(Object.keys(await state.keys.get("sender-key", ["a", "b"]))).toEqual(["b"]);
    await store.wipe(id);
    expect(await store.hasLogin(id)).toBe(false);
    const [row] = await sql<
      { n: number }[]
    >`select count(*)::int as n from session_host.auth_keys where session_id = ${id}`;
    expect(row?.n).toBe(0);
  });

  test("rotation: rows sealed under the old key open, and rotate() re-seals them under the new one", async () => {
    const id = await newSession();
    const old = new AuthStateStore(sql, new SealedBox(new Map([["k1", k1]]), "k1"));
    const loaded = await old.load(id);
    loaded.state.creds.me = { id: "4915100000000@s.whatsapp.net" };
    await loaded.saveCreds();
    const both = new AuthStateStore(
      sql,
      new SealedBox(
        new Map([
          ["k1", k1],
          ["k2", k2],
        ]),
        "k2",
      ),
    );
    expect(await both.hasLogin(id)).toBe(true);
    expect(await both.rotate(id)).toBe(1);
    const onlyNew = new AuthStateStore(sql, new SealedBox(new Map([["k2", k2]]), "k2"));
    expect(await onlyNew.hasLogin(id)).toBe(true);
  });
});

describe("a LinkedIn session's creation", () => {
  test("a host claiming while the row is being created does not get it; once it can, the cookie is there", async () => {
    const repo = new SessionsRepo(sql);
    const store = new AuthStateStore(sql, new SealedBox(new Map([["k1", k1]]), "k1"));
    const workspaceId = await createWorkspace(sql);
    let claimedMeanwhile: string[] = [];
    const row = await repo.create({ workspaceId, channel: "linkedin", name: "Ana" }, async (created, tx) => {
      // Another host's heartbeat, on its own connection, between the insert and the sealed cookie.
      claimedMeanwhile = await repo.claim(`other-${crypto.randomUUID()}`, 30_000, 10_000);
      await store.saveSecret(created.id, "linkedin-cookie", { liAt: "AQEDARsecret" }, tx);
    });
    expect(claimedMeanwhile).not.toContain(row.id);
    expect(await repo.claim(`other-${crypto.randomUUID()}`, 30_000, 10_000)).toContain(row.id);
    expect(await store.loadSecret(row.id, "linkedin-cookie")).toEqual({ liAt: "AQEDARsecret" });
  });

  test("a cookie that cannot be sealed leaves no session behind", async () => {
    const repo = new SessionsRepo(sql);
    const workspaceId = await createWorkspace(sql);
    const failing = repo.create({ workspaceId, channel: "linkedin", name: "Ana" }, async () => {
      throw new Error("no key");
    });
    await expect(failing).rejects.toThrow("no key");
    expect(await repo.listForWorkspace(workspaceId)).toEqual([]);
  });
});
