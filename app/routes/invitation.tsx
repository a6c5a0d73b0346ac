import { Form, data, redirect, useNavigation } from "react-router";
import { AppError } from "../../workers/lib/app-error";
import { acceptInvitation, previewInvitation } from "../../workers/services/members.service";
import { Brand } from "../components/app-shell";
import { withDb } from "../lib/db.server";
import { requireUser } from "../lib/session.server";
import type { Route } from "./+types/invitation";

export const meta: Route.MetaFunction = () => [
  { title: "Join a workspace — Rarity Leads" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user, headers } = await requireUser(request, context);
  const invitation = await withDb(context, (db) => previewInvitation(db, params.token));
  return data({ invitation: invitation ?? null, signedInAs: user.email }, { headers, status: invitation ? 200 : 404 });
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user, headers } = await requireUser(request, context);
  try {
    await withDb(context, (db) => acceptInvitation(db, { userId: user.id, email: user.email }, params.token));
  } catch (err) {
    if (err instanceof AppError && err.status < 500)
      return data({ error: err.message }, { status: err.status, headers });
    throw err;
  }
  throw redirect("/dashboard/leads", { headers });
}

export default function Invitation({ loaderData, actionData }: Route.ComponentProps) {
  const busy = useNavigation().state === "submitting";
  const { invitation, signedInAs } = loaderData;
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-5 px-6">
      <Brand />
      {!invitation ? (
        <h1 className="text-2xl font-semibold">This invitation link is not valid</h1>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Join {invitation.workspaceName}</h1>
          <p className="text-ink-300">
            You were invited as <strong className="text-ink-100">{invitation.role}</strong> ({invitation.email}). You
            are signed in as {signedInAs}.
          </p>
          {!invitation.usable && (
            <p className="text-ink-300">This invitation has expired or was already used. Ask for a new one.</p>
          )}
          {actionData?.error && (
            <p role="alert" className="rounded-lg border border-red-900 bg-red-950/60 px-3 py-2 text-sm text-red-200">
              {actionData.error}
            </p>
          )}
          {invitation.usable && (
            <Form method="post">
              <button
                type="submit"
                disabled={busy}
                className="rounded-lg bg-accent-500 px-4 py-2.5 font-medium text-white hover:bg-accent-400 disabled:opacity-60"
              >
                {busy ? "Joining…" : "Join workspace"}
              </button>
            </Form>
          )}
        </>
      )}
    </main>
  );
}
