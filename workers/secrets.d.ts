// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; they are declared here.
// Set them with `wrangler secret put` in production; `bun run dev` writes local ones to .dev.vars.
interface AppSecrets {
  /** HS256 secret of the embedded auth server (≥ 32 characters). */
  AUTH_JWT_SECRET?: string;
  /** Supabase's legacy HS256 JWT secret, when the project still issues HS256 tokens. */
  SUPABASE_JWT_SECRET?: string;
  /** Supabase's public anon key, handed to the UI when SUPABASE_URL is set. */
  SUPABASE_ANON_KEY?: string;
}
interface Env extends AppSecrets {}
declare namespace Cloudflare {
  interface Env extends AppSecrets {}
}
