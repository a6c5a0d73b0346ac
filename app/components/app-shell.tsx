import { Form, NavLink, Link } from "react-router";
import { NAV_LINKS } from "./nav-links";

/** The logo and name; `compact` keeps only the logo on phones, where the tabs need the room. */
export function Brand({ compact = false }: { compact?: boolean }) {
  return (
    <Link to="/" className="flex shrink-0 items-center gap-2 text-base font-semibold tracking-tight text-ink-100">
      <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-accent-500 text-sm text-white">
        R
      </span>
      <span className={compact ? "sr-only sm:not-sr-only" : undefined}>Rarity Leads</span>
    </Link>
  );
}

/** The signed-in frame: a top bar on every size, with the section tabs scrolling on narrow screens. */
export function AppShell({ children, user }: { children: React.ReactNode; user: { email: string | null } }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-10 border-b border-ink-800 bg-ink-950/85 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-1.5 px-2 sm:gap-6 sm:px-6">
          <Brand compact />
          <nav aria-label="Main" className="flex min-w-0 flex-1 overflow-x-auto sm:flex-none sm:gap-1">
            {NAV_LINKS.map((link) => (
              <NavLink
                key={link.to}
                to={link.to}
                className={({ isActive }) =>
                  `relative shrink-0 whitespace-nowrap rounded-md px-0.5 py-1.5 text-[13px] transition-colors sm:px-3 sm:text-sm ${
                    isActive ? "text-white" : "text-ink-300 hover:text-ink-100"
                  }`
                }
              >
                {({ isActive }) => (
                  <>
                    {isActive && <span aria-hidden className="absolute inset-0 rounded-md bg-ink-800" />}
                    <span className="relative">
                      {link.short ? (
                        <>
                          {link.short}
                          <span className="sr-only sm:not-sr-only">{link.label.slice(link.short.length)}</span>
                        </>
                      ) : (
                        link.label
                      )}
                    </span>
                  </>
                )}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex shrink-0 items-center gap-1 sm:gap-3">
            <span className="hidden max-w-48 truncate text-sm text-ink-300 sm:inline" title={user.email ?? undefined}>
              {user.email}
            </span>
            <Form method="post" action="/logout">
              {/* On a phone the tabs need the width: an icon, with the words for screen readers. */}
              <button
                type="submit"
                title="Sign out"
                className="flex items-center whitespace-nowrap rounded-md px-1.5 py-1.5 text-sm text-ink-300 sm:px-2 hover:bg-ink-800 hover:text-ink-100"
              >
                <svg
                  aria-hidden
                  viewBox="0 0 20 20"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                  className="h-4 w-4 sm:hidden"
                >
                  <path d="M8 4H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3M12 6l4 4-4 4M16 10H8" />
                </svg>
                <span className="sr-only sm:not-sr-only">Sign out</span>
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
