// The browser session: Supabase's @supabase/ssr server-client pattern with httpOnly cookies. supabase-js
// signs in, refreshes and signs out; in embedded mode its auth calls are dispatched in-process to our
// /auth/v1 implementation instead of going over the network.
import { createServerClient, parseCookieHeader, serializeCookieHeader } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { authConfig } from "./auth-config";
import { createLocalAuthApi } from "./local-auth.routes";
import { signAnonKey } from "./tokens";

export const SESSION_COOKIE = "rl-auth";
/**
 * 30 days, sliding: the cookie is written again whenever its session is refreshed, which happens on the
 * first use after the access token (AUTH_ACCESS_TOKEN_TTL_SECONDS, 1 h) expired — so a session that is
 * used at least once a month stays signed in, an abandoned one ends after 30 days.
 */
export const SESSION_COOKIE_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const localAuth = createLocalAuthApi();

export interface SessionClient {
  supabase: SupabaseClient;
  /** `Set-Cookie` values to send with the response (sign-in, refresh, sign-out). */
  setCookies: string[];
}

export function hasSessionCookie(request: Request): boolean {
  return (request.headers.get("cookie") ?? "").includes(`${SESSION_COOKIE}`);
}

export async function createSessionClient(request: Request, env: Env, ctx: ExecutionContext): Promise<SessionClient> {
  const config = authConfig(env);
  const origin = new URL(request.url).origin;
  // Only what the platform says about this request: a client-sent X-Forwarded-Proto is not trusted.
  const secure = new URL(request.url).protocol === "https:";
  const embedded = config.mode === "embedded";
  const url = embedded ? origin : config.supabaseUrl!;
  const key = embedded ? await signAnonKey(config, `${origin}/auth/v1`) : (env.SUPABASE_ANON_KEY ?? "");
  const setCookies: string[] = [];
  const cookieOptions = { name: SESSION_COOKIE, httpOnly: true, secure, sameSite: "lax" as const, path: "/" };

  const supabase = createServerClient(url, key, {
    cookieOptions,
    cookies: {
      getAll: () =>
        parseCookieHeader(request.headers.get("cookie") ?? "").map((c) => ({ name: c.name, value: c.value ?? "" })),
      setAll: (cookies) => {
        for (const c of cookies) {
          // @supabase/ssr always asks for 400 days; keep its 0 (sign-out) and use our sliding 30 days otherwise.
          const maxAge = c.options?.maxAge === 0 ? 0 : SESSION_COOKIE_MAX_AGE_SECONDS;
          setCookies.push(
            serializeCookieHeader(c.name, c.value, {
              ...c.options,
              ...cookieOptions,
              maxAge,
              name: undefined,
            } as never),
          );
        }
      },
    },
    global: embedded ? { fetch: async (input, init) => localAuth.fetch(new Request(input, init), env, ctx) } : {},
    auth: { autoRefreshToken: false, detectSessionInUrl: false },
  });
  return { supabase, setCookies };
}

/** The session's access token, refreshed through the refresh token when it has expired. */
export async function sessionAccessToken(session: SessionClient): Promise<string | undefined> {
  const { data } = await session.supabase.auth.getSession();
  return data.session?.access_token;
}
