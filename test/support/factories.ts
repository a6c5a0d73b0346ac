// Data factories: each test creates the leads, pipelines and cards it needs through the public API.
import { env } from "cloudflare:test";
import { openDb } from "../../workers/db/client";
import { insertChannelAccount } from "../../workers/repos/channel-accounts.repo";
import { call, postJson } from "./api-client";
import { createUser } from "./auth";
import type { TestUser } from "./auth";

let counter = 0;

export async function createLead(user: TestUser, overrides: Record<string, unknown> = {}) {
  counter++;
  const res = await postJson(
    "/api/leads",
    {
      fullName: `Lead ${counter} ${crypto.randomUUID().slice(0, 6)}`,
      companyName: "Acme GmbH",
      jobTitle: "Head of Marketing",
      ...overrides,
    },
    user.headers,
  );
  if (res.status !== 201 && res.status !== 200) throw new Error(`lead: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.lead as { id: string; fullName: string; [key: string]: unknown };
}

export async function createPipeline(user: TestUser, name = "Sales") {
  const res = await postJson("/api/pipelines", { name }, user.headers);
  if (res.status !== 201) throw new Error(`pipeline: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.pipeline as { id: string; name: string };
}

export async function addCard(user: TestUser, pipelineId: string, leadId: string, stage?: string) {
  const res = await postJson(
    `/api/pipelines/${pipelineId}/cards`,
    stage ? { leadId, stage } : { leadId },
    user.headers,
  );
  if (res.status !== 201) throw new Error(`card: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.card as { id: string; stage: string; position: number; rank: string };
}

export function patchCard(user: TestUser, cardId: string, patch: object) {
  return call(`/api/pipeline-cards/${cardId}`, {
    method: "PATCH",
    headers: { ...user.headers, "content-type": "application/json", origin: "http://app.test" },
    body: JSON.stringify(patch),
  });
}

export async function board(user: TestUser, pipelineId: string) {
  const res = await call(`/api/pipelines/${pipelineId}/board`, { headers: user.headers });
  return res.body as {
    stages: {
      stage: string;
      cards: {
        id: string;
        position: number;
        rank: string;
        stage: string;
        status: string;
        lead: { fullName: string };
      }[];
    }[];
  };
}

export function columnIds(b: Awaited<ReturnType<typeof board>>, stage: string): string[] {
  return b.stages.find((s) => s.stage === stage)!.cards.map((c) => c.id);
}

/** Owner invites `invitee` with `role`; the invitee accepts. Returns the workspace id and headers scoped to it. */
export async function joinWorkspace(owner: TestUser, invitee: TestUser, role: "admin" | "member" = "member") {
  const invited = await postJson("/api/invitations", { email: invitee.email, role }, owner.headers);
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  const accepted = await postJson("/api/invitations/accept", { token: invited.body.token }, invitee.headers);
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const ws = accepted.body.workspaceId as string;
  return { ws, as: (u: TestUser) => ({ ...u.headers, "x-workspace-id": ws }) };
}

/** A new user who joined `owner`'s personal workspace as a member, with headers scoped to it. */
export async function teammate(owner: TestUser, label = "mate"): Promise<TestUser> {
  const mate = await createUser(label);
  const { as } = await joinWorkspace(owner, mate);
  return { ...mate, headers: as(mate) };
}

export async function createApiKey(owner: TestUser, scopes: ("read" | "write")[], name = "Integration") {
  const res = await postJson("/api/api-keys", { name, scopes }, owner.headers);
  if (res.status !== 201) throw new Error(`api key: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { apiKey: { id: string; prefix: string; scopes: string[] }; key: string };
}

/** Polls an import until it is `completed` or `failed` (imports run in the background, chunk by chunk). */
export async function importFinished(user: TestUser, id: string, attempts = 300) {
  for (let i = 0; i < attempts; i++) {
    const res = await call(`/api/imports/${id}`, { headers: user.headers });
    if (["completed", "failed"].includes(res.body.import.status)) return res.body.import;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

/** The workspace the user's requests act in (their personal one unless the headers name another). */
export async function workspaceOf(user: TestUser): Promise<string> {
  const res = await call("/api/me", { headers: user.headers });
  if (res.status !== 200) throw new Error(`me: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.workspace.id as string;
}

/**
 * A connected channel account of the user's workspace (inbound webhooks are routed by its external id). There
 * is no connect flow for the Sandbox, so the row is written directly, as that flow would.
 */
export async function createChannelAccount(
  user: TestUser,
  overrides: {
    channel?: "sandbox" | "whatsapp" | "instagram" | "facebook" | "x" | "linkedin";
    externalId?: string;
  } = {},
) {
  const workspaceId = await workspaceOf(user);
  const channel = overrides.channel ?? "sandbox";
  const handle = openDb(env.HYPERDRIVE.connectionString);
  try {
    return await insertChannelAccount(handle.db, {
      workspaceId,
      channel,
      provider: channel,
      displayName: `${channel} test account`,
      externalId: overrides.externalId ?? `${channel}-acct-${crypto.randomUUID()}`,
      createdBy: user.id,
    });
  } finally {
    await handle.close().catch(() => {});
  }
}
