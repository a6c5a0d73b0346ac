import { AuthForm } from "../components/auth-form";
import { authAction, redirectIfSignedIn } from "../lib/auth-actions.server";
import type { Route } from "./+types/login";

export const meta: Route.MetaFunction = () => [{ title: "Sign in — Rarity Leads" }];

export const loader = ({ request, context }: Route.LoaderArgs) => redirectIfSignedIn(request, context);
export const action = ({ request, context }: Route.ActionArgs) => authAction(request, context, "login");

export default function Login({ loaderData, actionData }: Route.ComponentProps) {
  return <AuthForm mode="login" next={loaderData.next} error={actionData?.error} email={actionData?.email} />;
}
