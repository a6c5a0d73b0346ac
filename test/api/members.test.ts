import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api-client";
import { createUser } from "../support/auth";
import { joinWorkspace } from "../support/factories";

const patchJson = (path: string, body: object, headers: Record<string, string>) =>
  call(path, {
    method: "PATCH",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("members and invitations", () => {
  it("invites by email link, and the invitee joins with the invited role", async () => {
    const [owner, invitee] = [await createUser("owner"), await createUser("invitee")];
    const invited = await postJson(
      "/api/invitations",
      { email: invitee.email.toUpperCase(), role: "admin" },
      owner.headers,
    );
    expect(invited.body.acceptUrl).toMatch(/^http:\/\/app\.test\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect((await call("/api/invitations", { headers: owner.headers })).body.invitations).toHaveLength(1);

    const accepted = await postJson("/api/invitations/accept", { token: invited.body.token }, invitee.headers);
    expect(accepted.body.role).toBe("admin");
    const list = await call("/api/members", { headers: owner.headers });
    expect(list.body.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [invitee.email, "admin"],
    ]);
    const reuse = await postJson("/api/invitations/accept", { token: invited.body.token }, invitee.headers);
    expect(reuse.status).toBe(404);
  });

  it("refuses an invitation presented by someone with another email", async () => {
    const [owner, invitee, thief] = [await createUser("owner"), await createUser("invitee"), await createUser("thief")];
    const invited = await postJson("/api/invitations", { email: invitee.email }, owner.headers);
    const res = await postJson("/api/invitations/accept", { token: invited.body.token }, thief.headers);
    expect(res.status).toBe(403);
    expect((await call("/api/members", { headers: owner.headers })).body.members).toHaveLength(1);
  });

  it("lets owners change roles but never removes the last owner", async () => {
    const [owner, other] = [await createUser("owner"), await createUser("other")];
    const { as } = await joinWorkspace(owner, other);
    const promote = await patchJson(`/api/members/${other.id}`, { role: "admin" }, owner.headers);
    expect(promote.status).toBe(200);
    const demoteSelf = await patchJson(`/api/members/${owner.id}`, { role: "member" }, owner.headers);
    expect(demoteSelf.status).toBe(409);
    const leave = await call(`/api/members/${owner.id}`, { method: "DELETE", headers: owner.headers });
    expect(leave.status).toBe(409);
    const adminTakesOver = await patchJson(`/api/members/${other.id}`, { role: "owner" }, as(other));
    expect(adminTakesOver.status).toBe(403);
  });

  it("keeps members from managing others, lets them leave, and audits all of it", async () => {
    const [owner, member, third] = [await createUser("owner"), await createUser("member"), await createUser("third")];
    const { as } = await joinWorkspace(owner, member);
    await joinWorkspace(owner, third);
    expect((await call(`/api/members/${third.id}`, { method: "DELETE", headers: as(member) })).status).toBe(403);
    expect((await postJson("/api/invitations", { email: "x@example.test" }, as(member))).status).toBe(403);
    expect((await call(`/api/members/${member.id}`, { method: "DELETE", headers: as(member) })).status).toBe(204);
    expect((await call("/api/me", { headers: as(member) })).status).toBe(404);
    await patchJson(`/api/members/${third.id}`, { role: "admin" }, owner.headers);
    await call(`/api/members/${third.id}`, { method: "DELETE", headers: owner.headers });

    const audit = await call("/api/audit-log", { headers: owner.headers });
    const events = audit.body.entries.map(
      (e: { event: string; subject: string }) =>
        `${e.event}:${e.subject === member.id ? "member" : e.subject === third.id ? "third" : "?"}`,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        "member.added:member",
        "member.added:third",
        "member.removed:member",
        "member.role_changed:third",
        "member.removed:third",
      ]),
    );
  });

  it("keeps another workspace's members and invitations out of reach", async () => {
    const [owner, stranger] = [await createUser("owner"), await createUser("stranger")];
    const invited = await postJson("/api/invitations", { email: "someone@example.test" }, owner.headers);
    expect(
      (await call(`/api/invitations/${invited.body.invitation.id}`, { method: "DELETE", headers: stranger.headers }))
        .status,
    ).toBe(404);
    expect((await call(`/api/members/${owner.id}`, { method: "DELETE", headers: stranger.headers })).status).toBe(404);
    expect((await patchJson(`/api/members/${owner.id}`, { role: "member" }, stranger.headers)).status).toBe(404);
    expect((await call("/api/invitations", { headers: owner.headers })).body.invitations).toHaveLength(1);
  });
});
