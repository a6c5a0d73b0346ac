import { redirect } from "react-router";
import type { RouterContextProvider } from "react-router";
import { userFromAccessToken } from "../../workers/auth/principal";
import { createSessionClient, sessionAccessToken } from "../../workers/auth/session-cookie";
import type { SessionClient } from "../../workers/auth/session-cookie";
import { cloudflareContext } from "./cloudflare-context";

export interface SessionUser {
  id: string;
  email: string | null;
}

export async function openSession(request: Request, context: Readonly<RouterContextProvider>): Promise<SessionClient> {
  const { env, ctx } = context.get(cloudflareContext);
  return createSessionClient(request, env, ctx);
}

/** The signed-in user from the httpOnly session cookie (refreshing it when needed), verified locally. */
export async function getSessionUser(request: Request, context: Readonly<RouterContextProvider>) {
  const session = await openSession(request, context);
  const token = await sessionAccessToken(session);
  if (!token) return { user: null, session } as const;
  try {
    const { userId, email, claims } = await userFromAccessToken(context.get(cloudflareContext).env, token);
    return { user: { id: userId, email } satisfies SessionUser, claims, session };
  } catch {
    return { user: null, session };
  }
}

export function cookieHeaders(setCookies: string[]): Headers {
  const headers = new Headers();
  for (const cookie of setCookies) headers.append("set-cookie", cookie);
  return headers;
}

export async function requireUser(request: Request, context: Readonly<RouterContextProvider>) {
  const { user, session, claims } = await getSessionUser(request, context);
  if (!user || !claims) {
    throw redirect(`/login?next=${encodeURIComponent(documentPath(request))}`, {
      headers: cookieHeaders(session.setCookies),
    });
  }
  return { user, claims, headers: cookieHeaders(session.setCookies) };
}

/**
 * The page the user asked for. Client-side navigations fetch loader data from `<path>.data?_routes=…`
 * (React Router's single fetch), which must not leak into a `?next=` link.
 */
export function documentPath(request: Request): string {
  const url = new URL(request.url);
  let pathname = url.pathname;
  if (pathname.endsWith(".data")) pathname = pathname.slice(0, -".data".length).replace(/\/_root$/, "/") || "/";
  url.searchParams.delete("_routes");
  const search = url.searchParams.toString();
  return search ? `${pathname}?${search}` : pathname;
}
