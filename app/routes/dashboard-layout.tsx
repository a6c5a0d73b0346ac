import { Outlet, data } from "react-router";
import { AppShell } from "../components/app-shell";
import { requireUser } from "../lib/session.server";
import type { Route } from "./+types/dashboard-layout";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, headers } = await requireUser(request, context);
  return data({ user }, { headers });
}

// Refreshed session cookies from the loader must reach the browser.
export const headers: Route.HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function DashboardLayout({ loaderData }: Route.ComponentProps) {
  return (
    <AppShell user={loaderData.user}>
      <Outlet />
    </AppShell>
  );
}
