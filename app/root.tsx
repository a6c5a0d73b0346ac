import { useEffect } from "react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse } from "react-router";
import type { Route } from "./+types/root";
import { useNonce } from "./lib/csp-nonce";
import { reportClientError } from "./lib/report-client-error";
import "./app.css";

export const meta: Route.MetaFunction = () => [
  { title: "Rarity Leads — find and reach your ideal clients" },
  { name: "description", content: "Describe your ideal client, get ranked leads and reach them on the right channel." },
];

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en" className="dark">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#07080b" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-dvh font-sans antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const isResponse = isRouteErrorResponse(error);
  const title = isResponse ? `${error.status} ${error.statusText || "Error"}` : "Something went wrong";
  const message = isResponse
    ? "The page could not be loaded. Try again in a moment."
    : "An unexpected error stopped this page. It has been reported; reloading usually helps.";

  useEffect(() => {
    if (!isResponse) reportClientError(error);
  }, [error, isResponse]);

  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col items-start justify-center gap-4 px-6">
      <p className="text-sm font-medium tracking-wide text-accent-400 uppercase">Error</p>
      <h1 className="text-3xl font-semibold">{title}</h1>
      <p className="text-ink-300">{message}</p>
      <div className="flex gap-3">
        <button
          type="button"
          onClick={() => window.location.reload()}
          className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400"
        >
          Reload
        </button>
        <a href="/" className="rounded-lg border border-ink-700 px-4 py-2 text-sm text-ink-100 hover:bg-ink-800">
          Go home
        </a>
      </div>
    </main>
  );
}
