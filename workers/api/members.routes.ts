import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import * as members from "../services/members.service";
import { access } from "./access";
import type { ApiEnv } from "./context";
import { body, json } from "./openapi";

const Role = z.enum(["owner", "admin", "member"]);
const MemberSchema = z
  .object({ userId: z.uuid(), email: z.string(), role: Role, createdAt: z.string() })
  .openapi("Member");
const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(["admin", "member"]),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .openapi("Invitation");

type InvitationRow = { id: string; email: string; role: "admin" | "member"; expiresAt: Date; createdAt: Date };
const invitationJson = (i: InvitationRow) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  expiresAt: i.expiresAt.toISOString(),
  createdAt: i.createdAt.toISOString(),
});

const UserParam = z.object({ userId: z.uuid() });
const IdParam = z.object({ id: z.uuid() });

const routes = {
  list: createRoute({
    ...access("read"),
    method: "get",
    path: "/members",
    tags: ["members"],
    summary: "Members of the current workspace",
    responses: { 200: json(z.object({ members: z.array(MemberSchema) })) },
  }),
  changeRole: createRoute({
    ...access("admin"),
    method: "patch",
    path: "/members/{userId}",
    tags: ["members"],
    summary: "Change a member's role (owners and admins)",
    request: { params: UserParam, ...body(z.object({ role: Role })) },
    responses: { 200: json(z.object({ members: z.array(MemberSchema) })) },
  }),
  remove: createRoute({
    ...access("user"),
    method: "delete",
    path: "/members/{userId}",
    tags: ["members"],
    summary: "Remove a member, or leave the workspace",
    request: { params: UserParam },
    responses: { 204: { description: "Removed" } },
  }),
  invitations: createRoute({
    ...access("admin"),
    method: "get",
    path: "/invitations",
    tags: ["members"],
    summary: "Pending invitations",
    responses: { 200: json(z.object({ invitations: z.array(InvitationSchema) })) },
  }),
  invite: createRoute({
    ...access("admin"),
    method: "post",
    path: "/invitations",
    tags: ["members"],
    summary: "Invite someone by email: the link is e-mailed, and shown once in this response",
    request: body(z.object({ email: z.email().max(255), role: z.enum(["admin", "member"]).default("member") })),
    responses: {
      201: json(z.object({ invitation: InvitationSchema, acceptUrl: z.string(), token: z.string() }), "Invited"),
    },
  }),
  revoke: createRoute({
    ...access("admin"),
    method: "delete",
    path: "/invitations/{id}",
    tags: ["members"],
    summary: "Withdraw a pending invitation",
    request: { params: IdParam },
    responses: { 204: { description: "Withdrawn" } },
  }),
  accept: createRoute({
    ...access("user"),
    method: "post",
    path: "/invitations/accept",
    tags: ["members"],
    summary: "Join a workspace with an invitation token",
    request: body(z.object({ token: z.string().min(20).max(200) })),
    responses: { 200: json(z.object({ workspaceId: z.uuid(), role: z.enum(["admin", "member"]) })) },
  }),
};

export const memberRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(routes.list, async (c) =>
    c.json({ members: await members.listMembers(c.var.database.get().db, c.var.principal) }, 200),
  )
  .openapi(routes.changeRole, async (c) => {
    const db = c.var.database.get().db;
    await members.changeRole(db, c.var.principal, c.req.valid("param").userId, c.req.valid("json").role);
    return c.json({ members: await members.listMembers(db, c.var.principal) }, 200);
  })
  .openapi(routes.remove, async (c) => {
    await members.removeMember(c.var.database.get().db, c.var.principal, c.req.valid("param").userId);
    return c.body(null, 204);
  })
  .openapi(routes.invitations, async (c) => {
    const rows = await members.listInvitations(c.var.database.get().db, c.var.principal);
    return c.json({ invitations: rows.map(invitationJson) }, 200);
  })
  .openapi(routes.invite, async (c) => {
    const mail = { env: c.env, origin: new URL(c.req.url).origin };
    const { invitation, token, acceptUrl } = await members.inviteMember(
      c.var.database.get().db,
      c.var.principal,
      c.req.valid("json"),
      mail,
    );
    return c.json({ invitation: invitationJson(invitation), acceptUrl, token }, 201);
  })
  .openapi(routes.revoke, async (c) => {
    await members.revokeInvitation(c.var.database.get().db, c.var.principal, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(routes.accept, async (c) => {
    const p = c.var.principal;
    return c.json(
      await members.acceptInvitation(
        c.var.database.get().db,
        { userId: p.userId, email: p.email },
        c.req.valid("json").token,
      ),
      200,
    );
  });
