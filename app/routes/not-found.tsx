import { Link, data } from "react-router";
import type { Route } from "./+types/not-found";

export function loader() {
  return data(null, { status: 404 });
}

export const meta: Route.MetaFunction = () => [
  { title: "Page not found — Rarity Leads" },
  { name: "robots", content: "noindex" },
];

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-start justify-center gap-4 px-6">
      <p className="text-sm font-medium tracking-wide text-accent-400 uppercase">404</p>
      <h1 className="text-3xl font-semibold">This page does not exist</h1>
      <p className="text-ink-300">The link may be old or mistyped.</p>
      <Link
        to="/dashboard/leads"
        className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400"
      >
        Go to your leads
      </Link>
    </main>
  );
}
