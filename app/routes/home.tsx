import { Link } from "react-router";
import { Brand } from "../components/app-shell";
import { NAV_LINKS } from "../components/nav-links";
import type { Route } from "./+types/home";

export const meta: Route.MetaFunction = () => [
  { title: "Rarity Leads — find and reach your ideal clients" },
  {
    name: "description",
    content:
      "Describe your ideal client in plain words; get ranked, explained leads and the best time and channel to reach them.",
  },
];

export default function Home() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex h-14 w-full max-w-6xl items-center gap-2 px-4 sm:px-6">
        <Brand />
        <nav aria-label="Account" className="ml-auto flex items-center gap-1">
          <Link to="/login" className="rounded-md px-3 py-1.5 text-sm text-ink-300 hover:text-ink-100">
            Sign in
          </Link>
          <Link to="/signup" className="rounded-md bg-ink-800 px-3 py-1.5 text-sm text-ink-100 hover:bg-ink-700">
            Get started
          </Link>
        </nav>
      </header>
      <main className="mx-auto flex w-full max-w-6xl flex-1 flex-col justify-center px-4 py-16 sm:px-6">
        <h1 className="motion-safe:animate-fade-up max-w-3xl text-4xl font-semibold tracking-tight text-balance sm:text-6xl">
          Describe your ideal client. Reach the right ones first.
        </h1>
        <p className="mt-5 max-w-2xl text-lg text-ink-300">
          Rarity Leads turns a plain-words profile into ranked, explained leads from your sources, tells you when and
          where to reach each one, and keeps the conversation in one inbox.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link
            to="/dashboard/leads"
            className="rounded-xl bg-accent-500 px-5 py-3 text-sm font-medium text-white hover:bg-accent-400"
          >
            Generate leads
          </Link>
          <Link to="/dashboard/crm" className="rounded-xl border border-ink-700 px-5 py-3 text-sm hover:bg-ink-800">
            Open the pipeline
          </Link>
        </div>
        <ul className="mt-16 grid gap-4 sm:grid-cols-2">
          {NAV_LINKS.map((link) => (
            <li key={link.to}>
              <Link
                to={link.to}
                className="block rounded-2xl border border-ink-800 bg-ink-900 p-5 hover:border-ink-700"
              >
                <span className="font-medium">{link.label}</span>
                <span className="mt-1 block text-sm text-ink-300">{link.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
