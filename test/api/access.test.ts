// The access table (workers/api/access.ts) against every operation the OpenAPI document lists: API keys never
// administer a workspace, read keys never write, members never do what only owners and admins may.
import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import { createApiKey, joinWorkspace } from "../support/factories";

type Level = "public" | "read" | "write" | "user" | "admin";
interface Operation {
  method: string;
  path: string;
  access: Level;
  security: Record<string, string[]>[];
}

async function operations(): Promise<Operation[]> {
  const doc = (await call("/api/openapi.json")).body;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      ops.push({ method: method.toUpperCase(), path, access: op["x-access"], security: op.security });
    }
  }
  return ops;
}

/** A concrete URL for a documented path (the document's paths include `/api`); ids are random, so a permitted call ends in 404/422, never a change. */
const urlFor = (path: string) => `${path.replace(/\{[^}]+\}/g, () => crypto.randomUUID())}`;

function send(op: Operation, headers: Record<string, string>) {
  const hasBody = !["GET", "HEAD", "DELETE"].includes(op.method);
  return call(urlFor(op.path), {
    method: op.method,
    headers: { ...headers, ...(hasBody ? { "content-type": "application/json" } : {}) },
    body: hasBody ? "{}" : undefined,
    // OAuth callbacks answer with a redirect to a page: the answer itself is what is checked.
    redirect: "manual",
  });
}

async function workspaceWithEveryone() {
  const [owner, member] = [await createUser("acl-owner"), await createUser("acl-member")];
  const team = await joinWorkspace(owner, member, "member");
  const readKey = (await createApiKey(owner, ["read"])).key;
  const writeKey = (await createApiKey(owner, ["read", "write"])).key;
  return {
    owner,
    member,
    callers: {
      readKey: { "x-api-key": readKey },
      writeKey: { "x-api-key": writeKey },
      member: team.as(member),
      owner: owner.headers,
    },
  };
}

/** Which callers each level refuses with 403 FORBIDDEN (the others must get past the access check). */
const REFUSED: Record<Level, ("readKey" | "writeKey" | "member" | "owner")[]> = {
  public: [],
  read: [],
  write: ["readKey"],
  user: ["readKey", "writeKey"],
  admin: ["readKey", "writeKey", "member"],
};

describe("access levels", () => {
  it("every operation in the OpenAPI document declares its level and the credentials it accepts", async () => {
    const doc = (await call("/api/openapi.json")).body;
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["accessToken", "apiKey", "sessionCookie"]);
    expect(doc.info.description).toContain("| `admin` |");
    for (const op of await operations()) {
      expect(["public", "read", "write", "user", "admin"], `${op.method} ${op.path}`).toContain(op.access);
      const keyScopes = op.security.find((s) => s.apiKey)?.apiKey;
      if (op.access === "public") expect(op.security).toEqual([]);
      else expect(op.security, `${op.method} ${op.path}`).toContainEqual({ accessToken: [] });
      expect(keyScopes, `${op.method} ${op.path}`).toEqual(
        op.access === "read" ? ["read"] : op.access === "write" ? ["write"] : undefined,
      );
    }
  });

  it("workspace administration is for signed-in owners and admins, never for API keys", async () => {
    const ops = await operations();
    const admin = ops.filter((o) => o.access === "admin").map((o) => `${o.method} ${o.path}`);
    expect(admin.sort()).toEqual([
      "DELETE /api/api-keys/{id}",
      "DELETE /api/channels/{id}",
      "DELETE /api/invitations/{id}",
      "GET /api/api-keys",
      "GET /api/audit-log",
      "GET /api/channels/{id}/qr",
      "GET /api/invitations",
      "PATCH /api/channels/{id}/limits",
      "PATCH /api/members/{userId}",
      "PATCH /api/messaging-settings",
      "POST /api/api-keys",
      "POST /api/channels/linkedin",
      "POST /api/channels/meta/connect",
      "POST /api/channels/whatsapp",
      "POST /api/channels/x/connect",
      "POST /api/channels/{id}/linkedin-cookie",
      "POST /api/channels/{id}/pairing-code",
      "POST /api/invitations",
      "POST /api/leads/bulk-delete",
    ]);
    const userOnly = ops.filter((o) => o.access === "user").map((o) => `${o.method} ${o.path}`);
    expect(userOnly).toEqual(
      expect.arrayContaining(["DELETE /api/members/{userId}", "POST /api/invitations/accept", "POST /api/workspaces"]),
    );
  });

  it("each caller is refused exactly where the table says, on every documented operation", async () => {
    const { callers } = await workspaceWithEveryone();
    const mismatches: string[] = [];
    for (const op of await operations()) {
      for (const [who, headers] of Object.entries(callers) as [keyof typeof callers, Record<string, string>][]) {
        // `user` routes leave roles to the service (a member may leave, not remove others): keys are what matter.
        if (op.access === "user" && who === "member") continue;
        const res = await send(op, headers);
        const refused = res.status === 403 && res.body?.error?.code === "FORBIDDEN";
        const shouldRefuse = REFUSED[op.access].includes(who);
        if (res.status >= 500 || res.status === 401 || refused !== shouldRefuse) {
          mismatches.push(`${who} ${op.method} ${op.path} → ${res.status} ${res.body?.error?.code ?? ""}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every operation × 4 callers, one after another (~260 requests): it grows with the API, so not the default 20 s.
  }, 120_000);

  it("a leaked read+write key cannot take over the workspace", async () => {
    const { owner, member, callers } = await workspaceWithEveryone();
    const key = callers.writeKey;
    const attacker = await createUser("attacker");
    const invite = await postJson("/api/invitations", { email: attacker.email, role: "admin" }, key);
    const promote = await call(`/api/members/${member.id}`, {
      method: "PATCH",
      headers: { ...key, "content-type": "application/json" },
      body: JSON.stringify({ role: "owner" }),
    });
    const removeOwner = await call(`/api/members/${owner.id}`, { method: "DELETE", headers: key });
    const newKey = await postJson("/api/api-keys", { name: "backdoor", scopes: ["read", "write"] }, key);
    for (const res of [invite, promote, removeOwner, newKey]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    const members = (await call("/api/members", { headers: owner.headers })).body.members as {
      email: string;
      role: string;
    }[];
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [member.email, "member"],
    ]);
    expect((await call("/api/invitations", { headers: owner.headers })).body.invitations).toEqual([]);
    expect((await call("/api/api-keys", { headers: owner.headers })).body.apiKeys).toHaveLength(2);
  });

  it("the same key still does the everyday work its scope allows", async () => {
    const { callers } = await workspaceWithEveryone();
    const lead = await postJson("/api/leads", { fullName: "Ada Keyed", companyName: "Acme" }, callers.writeKey);
    expect(lead.status).toBe(201);
    expect((await call("/api/leads", { headers: callers.readKey })).status).toBe(200);
    expect((await call("/api/members", { headers: callers.readKey })).status).toBe(200);
  });
});
