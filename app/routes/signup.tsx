import { AuthForm } from "../components/auth-form";
import { authAction, redirectIfSignedIn } from "../lib/auth-actions.server";
import type { Route } from "./+types/signup";

export const meta: Route.MetaFunction = () => [{ title: "Create your account — Rarity Leads" }];

export const loader = ({ request, context }: Route.LoaderArgs) => redirectIfSignedIn(request, context);
export const action = ({ request, context }: Route.ActionArgs) => authAction(request, context, "signup");

export default function Signup({ loaderData, actionData }: Route.ComponentProps) {
  return <AuthForm mode="signup" next={loaderData.next} error={actionData?.error} email={actionData?.email} />;
}
