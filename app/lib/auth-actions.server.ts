import { data, redirect } from "react-router";
import type { RouterContextProvider } from "react-router";
import { z } from "zod";
import { safeRedirectPath } from "../../workers/lib/safe-redirect";
import { cookieHeaders, getSessionUser, openSession } from "./session.server";

const Credentials = z.object({
  email: z.email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

/** Sign-in and sign-up share everything but the supabase-js call. */
export async function authAction(request: Request, context: Readonly<RouterContextProvider>, mode: "login" | "signup") {
  const form = await request.formData();
  const next = safeRedirectPath(form.get("next"));
  const parsed = Credentials.safeParse({ email: form.get("email"), password: form.get("password") });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message, email }, { status: 400 });

  const session = await openSession(request, context);
  const { error } =
    mode === "login"
      ? await session.supabase.auth.signInWithPassword(parsed.data)
      : await session.supabase.auth.signUp(parsed.data);
  if (error) {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
    return data({ error: error.message, email }, { status });
  }
  throw redirect(next, { headers: cookieHeaders(session.setCookies) });
}

/** Signed-in visitors of /login and /signup go straight to the app. */
export async function redirectIfSignedIn(request: Request, context: Readonly<RouterContextProvider>) {
  const { user, session } = await getSessionUser(request, context);
  const next = safeRedirectPath(new URL(request.url).searchParams.get("next"));
  if (user) throw redirect(next, { headers: cookieHeaders(session.setCookies) });
  return { next };
}
