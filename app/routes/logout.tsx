import { redirect } from "react-router";
import { cookieHeaders, openSession } from "../lib/session.server";
import type { Route } from "./+types/logout";

export async function action({ request, context }: Route.ActionArgs) {
  const session = await openSession(request, context);
  await session.supabase.auth.signOut({ scope: "local" });
  throw redirect("/login", { headers: cookieHeaders(session.setCookies) });
}

export const loader = () => redirect("/");
