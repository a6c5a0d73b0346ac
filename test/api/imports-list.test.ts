import { describe, expect, it } from "vitest";
import { call } from "../support/api-client";
import { createUser } from "../support/auth";
import type { TestUser } from "../support/auth";

const upload = (user: TestUser, listName: string) =>
  call(`/api/imports?listName=${encodeURIComponent(listName)}`, {
    method: "POST",
    headers: { ...user.headers, "content-type": "text/csv" },
    body: "Name,Email\nAda Lovelace,ada@example.org\n",
  });

describe("GET /api/imports", () => {
  it("lists the workspace's imports newest first with a cursor, and hides other workspaces'", async () => {
    const [user, other] = [await createUser("imports-list"), await createUser("imports-other")];
    const ids: string[] = [];
    for (const name of ["First", "Second", "Third"]) {
      const res = await upload(user, name);
      expect(res.status).toBe(202);
      ids.push(res.body.import.id);
    }
    await upload(other, "Not yours");

    const first = await call("/api/imports?limit=2", { headers: user.headers });
    expect(first.status).toBe(200);
    expect(first.body.imports.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.imports[0]).toMatchObject({ listName: "Third", fileName: null });
    expect(first.body.imports[0]).not.toHaveProperty("errors");
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await call(`/api/imports?limit=2&cursor=${first.body.nextCursor}`, { headers: user.headers });
    expect(second.body.imports.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();

    const others = await call("/api/imports", { headers: other.headers });
    expect(others.body.imports.map((i: { listName: string }) => i.listName)).toEqual(["Not yours"]);
    expect((await call("/api/imports?cursor=nonsense", { headers: user.headers })).status).toBe(422);
  });
});
