// The browser session: Supabase's @supabase/ssr server-client pattern with httpOnly cookies. supabase-js
// signs in, refreshes and signs out; in embedded mode its auth calls are dispatched in-process to our
// /auth/v1 implementation instead of going over the network.
import { createServerClient, parseCookieHeader, serializeCookieHeader } from "@supabase/ssr";
import type { SupabaseClient } from "@supabase/supabase-js";
import { authConfig } from "./auth-config";
import { createLocalAuthApi } from "./local-auth.routes";
import { signAnonKey } from "./tokens";

export const SESSION_COOKIE = "rl-auth";

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
  const secure = new URL(request.url).protocol === "https:";
  const embedded = config.mode === "embedded";
  const url = embedded ? origin : config.supabaseUrl!;
  const key = embedded ? await signAnonKey(config, `${origin}/auth/v1`) : (env.SUPABASE_ANON_KEY ?? "");
  const setCookies: string[] = [];
  const cookieOptions = { name: SESSION_COOKIE, httpOnly: true, secure, sameSite: "lax" as const, path: "/" };

  const supabase = createServerClient(url, key, {
    cookieOptions,
    cookies: {
      getAll: () => parseCookieHeader(request.headers.get("cookie") ?? "").map((c) => ({ name: c.name, value: c.value ?? "" })),
      setAll: (cookies) => {
        for (const c of cookies) setCookies.push(serializeCookieHeader(c.name, c.value, { ...c.options, ...cookieOptions, name: undefined } as never));
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
