import { Form, Link, useNavigation } from "react-router";
import { Brand } from "./app-shell";

interface AuthFormProps {
  mode: "login" | "signup";
  next: string;
  error?: string;
  email?: string;
}

const COPY = {
  login: {
    title: "Sign in",
    cta: "Sign in",
    busy: "Signing in…",
    switchText: "New here?",
    switchLink: "Create an account",
    switchTo: "/signup",
  },
  signup: {
    title: "Create your account",
    cta: "Create account",
    busy: "Creating account…",
    switchText: "Already have an account?",
    switchLink: "Sign in",
    switchTo: "/login",
  },
} as const;

export function AuthForm({ mode, next, error, email }: AuthFormProps) {
  const copy = COPY[mode];
  const busy = useNavigation().state === "submitting";
  const inputClass =
    "mt-1 w-full rounded-lg border border-ink-700 bg-ink-900 px-3 py-2.5 text-ink-100 placeholder:text-ink-500 focus:border-accent-400";
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-6 px-6">
      <Brand />
      <h1 className="text-2xl font-semibold">{copy.title}</h1>
      <Form method="post" className="flex flex-col gap-4" aria-describedby={error ? "auth-error" : undefined}>
        <input type="hidden" name="next" value={next} />
        <label className="text-sm text-ink-300">
          Email
          <input name="email" type="email" autoComplete="email" required defaultValue={email} className={inputClass} />
        </label>
        <label className="text-sm text-ink-300">
          Password
          <input
            name="password"
            type="password"
            required
            minLength={mode === "signup" ? 8 : undefined}
            autoComplete={mode === "signup" ? "new-password" : "current-password"}
            className={inputClass}
          />
        </label>
        {error && (
          <p
            id="auth-error"
            role="alert"
            className="rounded-lg border border-red-900 bg-red-950/60 px-3 py-2 text-sm text-red-200"
          >
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-accent-500 px-4 py-2.5 font-medium text-white hover:bg-accent-400 disabled:opacity-60"
        >
          {busy ? copy.busy : copy.cta}
        </button>
      </Form>
      <p className="text-sm text-ink-300">
        {copy.switchText}{" "}
        <Link
          to={`${copy.switchTo}?next=${encodeURIComponent(next)}`}
          className="text-accent-400 underline-offset-4 hover:underline"
        >
          {copy.switchLink}
        </Link>
      </p>
    </main>
  );
}
