import { randomToken, sha256Hex } from "../auth/crypto";
import type { Db } from "../db/client";
import type { WorkspaceRole } from "../db/schema";
import { asService, asUser } from "../db/tenant";
import { AppError } from "../lib/app-error";
import { recheckWorkspaceRooms } from "../realtime/room-revocation";
import * as repo from "../repos/members.repo";
import type { Actor } from "./actor";
import { sendMail } from "../mail/mail.service";
import { recordAudit, auditedBy } from "./audit.service";

export const INVITATION_TTL_DAYS = 7;

function requireManager(actor: Actor): void {
  if (actor.workspaceRole === "member") throw new AppError("FORBIDDEN", "Only owners and admins manage members.");
}

function audit(
  db: Db,
  actor: Actor,
  event: "member.added" | "member.removed" | "member.role_changed",
  subject: string,
  details = {},
) {
  return asService(db, (tx) =>
    recordAudit(tx, {
      event,
      ...auditedBy(actor),
      subject,
      details,
    }),
  );
}

export function listMembers(db: Db, actor: Actor) {
  return asUser(db, actor.claims, (tx) => repo.listMembers(tx, actor.workspaceId));
}

/**
 * Creates (or replaces) the invitation and e-mails its link through the one mail path (SMTP, or the dev
 * mailbox in embedded mode). The link is also returned, for the inviter to share another way.
 */
export async function inviteMember(
  db: Db,
  actor: Actor,
  input: { email: string; role: "admin" | "member" },
  mail?: { env: Env; origin: string },
) {
  requireManager(actor);
  const already = await asService(db, (tx) => repo.isMemberByEmail(tx, actor.workspaceId, input.email));
  if (already)
    throw new AppError("CONFLICT", "That person is already a member of this workspace.", { email: input.email });
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
  const invitation = await asUser(db, actor.claims, async (tx) =>
    repo.replaceInvitation(tx, {
      workspaceId: actor.workspaceId,
      email: input.email,
      role: input.role,
      tokenHash: await sha256Hex(token),
      expiresAt,
      invitedBy: actor.userId,
    }),
  );
  const acceptUrl = `${mail?.origin ?? ""}/invitations/${token}`;
  if (mail) {
    const workspaceName = await asService(db, (tx) => repo.workspaceName(tx, actor.workspaceId));
    await sendMail(db, mail.env, {
      to: input.email,
      kind: "invitation",
      subject: `You are invited to ${workspaceName} on Rarity Leads`,
      text: `You were invited to join ${workspaceName} as ${input.role}.\n\nAccept the invitation (valid for ${INVITATION_TTL_DAYS} days):\n\n${acceptUrl}\n`,
    });
  }
  return { invitation, token, acceptUrl };
}

export function listInvitations(db: Db, actor: Actor) {
  requireManager(actor);
  return asUser(db, actor.claims, (tx) => repo.listPendingInvitations(tx, actor.workspaceId));
}

export async function revokeInvitation(db: Db, actor: Actor, id: string) {
  requireManager(actor);
  const [deleted] = await asUser(db, actor.claims, (tx) => repo.deleteInvitation(tx, actor.workspaceId, id));
  if (!deleted) throw new AppError("RESOURCE_NOT_FOUND", "No such pending invitation.", { id });
}

/** What the invitation page shows before the invitee decides (service path: they are not a member yet). */
export async function previewInvitation(db: Db, token: string) {
  return asService(db, async (tx) => {
    const invitation = await repo.findInvitationByHash(tx, await sha256Hex(token));
    if (!invitation) return undefined;
    const workspaceName = await repo.workspaceName(tx, invitation.workspaceId);
    return {
      workspaceName,
      email: invitation.email,
      role: invitation.role,
      usable: !invitation.acceptedAt && invitation.expiresAt.getTime() > Date.now(),
    };
  });
}

/**
 * The invitee is not a member yet, so RLS cannot show them the invitation: the lookup runs on the service
 * path, keyed by the secret token, and the signed-in email must match the invited one.
 */
export async function acceptInvitation(db: Db, user: { userId: string; email: string | null }, token: string) {
  const accepted = await asService(db, async (tx) => {
    const invitation = await repo.findInvitationByHash(tx, await sha256Hex(token));
    if (!invitation || invitation.acceptedAt)
      throw new AppError("RESOURCE_NOT_FOUND", "This invitation does not exist or was already used.");
    if (invitation.expiresAt.getTime() < Date.now())
      throw new AppError("RESOURCE_NOT_FOUND", "This invitation has expired. Ask for a new one.");
    if (!user.email || user.email.toLowerCase() !== invitation.email.toLowerCase()) {
      throw new AppError("FORBIDDEN", "This invitation was sent to another email address.");
    }
    await repo.addMember(tx, invitation.workspaceId, user.userId, invitation.role);
    await repo.markAccepted(tx, invitation.id);
    await recordAudit(tx, {
      event: "member.added",
      workspaceId: invitation.workspaceId,
      actorUserId: user.userId,
      subject: user.userId,
      details: { role: invitation.role, via: "invitation" },
    });
    return invitation;
  });
  return { workspaceId: accepted.workspaceId, role: accepted.role };
}

export async function changeRole(db: Db, actor: Actor, userId: string, role: WorkspaceRole) {
  requireManager(actor);
  const previous = await asUser(db, actor.claims, async (tx) => {
    const members = await repo.lockMembers(tx, actor.workspaceId);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw new AppError("RESOURCE_NOT_FOUND", "No such member.", { userId });
    if ((target.role === "owner" || role === "owner") && actor.workspaceRole !== "owner") {
      throw new AppError("FORBIDDEN", "Only owners can grant or take away ownership.");
    }
    if (target.role === "owner" && role !== "owner" && members.filter((m) => m.role === "owner").length === 1) {
      throw new AppError("CONFLICT", "A workspace needs at least one owner. Make someone else owner first.");
    }
    await repo.setRole(tx, actor.workspaceId, userId, role);
    return target.role;
  });
  if (previous !== role) await audit(db, actor, "member.role_changed", userId, { from: previous, to: role });
}

export async function removeMember(db: Db, actor: Actor, userId: string) {
  const leaving = userId === actor.userId;
  if (!leaving) requireManager(actor);
  await asUser(db, actor.claims, async (tx) => {
    const members = await repo.lockMembers(tx, actor.workspaceId);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw new AppError("RESOURCE_NOT_FOUND", "No such member.", { userId });
    if (target.role === "owner" && !leaving && actor.workspaceRole !== "owner") {
      throw new AppError("FORBIDDEN", "Only owners can remove an owner.");
    }
    if (target.role === "owner" && members.filter((m) => m.role === "owner").length === 1) {
      throw new AppError("CONFLICT", "A workspace needs at least one owner. Make someone else owner first.");
    }
    await repo.deleteMember(tx, actor.workspaceId, userId);
  });
  await recheckWorkspaceRooms([actor.workspaceId]); // their open sockets close now (decision 010)
  await audit(db, actor, "member.removed", userId, { leaving });
}
