// Secrets are not in wrangler.toml, so `wrangler types` cannot see them; they are declared here.
// Set them with `wrangler secret put` in production; `bun run dev` writes local ones to .dev.vars.
interface AppSecrets {
  /** HS256 secret of the embedded auth server (≥ 32 characters). */
  AUTH_JWT_SECRET?: string;
  /** Supabase's legacy HS256 JWT secret, when the project still issues HS256 tokens. */
  SUPABASE_JWT_SECRET?: string;
  /** Supabase's public anon key, handed to the UI when SUPABASE_URL is set. */
  SUPABASE_ANON_KEY?: string;
  /** Apollo.io master API key; with it, Apollo becomes a lead source. */
  APOLLO_API_KEY?: string;
  /** Clearbit (HubSpot) key for company/person enrichment. */
  CLEARBIT_API_KEY?: string;
  /** Crunchbase API v4 user key. */
  CRUNCHBASE_API_KEY?: string;
  /** Key of any OpenAI-compatible endpoint; with it, the LLM refines profiles and re-scores the top. */
  LLM_API_KEY?: string;
  /**
   * Outgoing mail (auth e-mails, invitations): `smtps://user:pass@host:465` (TLS) or
   * `smtp://user:pass@host:587` (STARTTLS), optional `?from=`. Unset: mail goes to the dev mailbox.
   */
  SMTP_URL?: string;
  /**
   * Signs the Sandbox channel's webhooks (`x-sandbox-signature: sha256=<HMAC-SHA256 of the raw body>`).
   * Unset: `POST /api/hooks/sandbox` refuses every request.
   */
  SANDBOX_WEBHOOK_SECRET?: string;
  /**
   * Shared with the session-host (decision 017): signs the Worker's requests to it and its events to
   * `POST /api/hooks/session-host` (HMAC-SHA256 over timestamp, nonce, method, path and body hash).
   * Unset: WhatsApp is unavailable (503) and every session-host webhook is refused (401).
   */
  SESSION_HOST_SECRET?: string;
  /**
   * Seal the stored credentials of API-connected channel accounts (Meta page tokens, X OAuth tokens) with
   * AES-256-GCM: `id:base64(32 bytes)[,id:base64…]`, and the id of the key that seals new values. Older keys keep
   * opening what they sealed. Unset: connecting those channels answers 503.
   */
  CHANNEL_SECRETS_KEYS?: string;
  CHANNEL_SECRETS_KEY_ID?: string;
  /**
   * The Meta app's secret (Facebook Messenger, Instagram): exchanges OAuth codes for Page tokens and verifies
   * `X-Hub-Signature-256` on `POST /api/hooks/meta`. Unset: connecting answers 503, every Meta webhook is a 401.
   */
  META_APP_SECRET?: string;
  /** The token Meta echoes when it verifies the webhook (`GET /api/hooks/meta?hub.verify_token=…`). */
  META_WEBHOOK_VERIFY_TOKEN?: string;
  /**
   * The X app's OAuth 2.0 client secret (confidential clients: token requests send Basic auth). Unset: the app is
   * a public client and sends only X_CLIENT_ID in the body.
   */
  X_CLIENT_SECRET?: string;
}
interface Env extends AppSecrets {}
declare namespace Cloudflare {
  interface Env extends AppSecrets {}
}
