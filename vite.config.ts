import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

/** What the Vite dev server may read for the browser (relative to the project root). */
export const DEV_SERVED_DIRS = ["app", "public", "node_modules", ".react-router"];
/** Never served, even inside an allowed folder (Vite's own defaults are .env, .env.*, *.{crt,pem}, .git). */
export const DEV_DENIED_FILES = [".env", ".env.*", ".dev.vars", ".dev.vars.*", "*.{crt,pem,key}", "**/.git/**", "**/.data/**", "**/supabase/**"];

export default defineConfig({
  plugins: [cloudflare({ viteEnvironment: { name: "ssr" } }), tailwindcss(), reactRouter()],
  server: {
    port: Number(process.env.PORT) || 8787,
    strictPort: true,
    // The dev server hands files to the browser: only the app's own modules, public/ and dependencies, never
    // the database, secrets, migrations or repository metadata (decision record 009).
    fs: { strict: true, allow: DEV_SERVED_DIRS, deny: DEV_DENIED_FILES },
  },
  // Pre-bundle the client's dependencies at start-up so the first page load never triggers a re-optimise
  // and a full reload in dev.
  optimizeDeps: { include: ["react", "react-dom", "react-dom/client", "react-router", "framer-motion", "framer-motion/mini"] },
});
