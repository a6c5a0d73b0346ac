import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

/** What the Vite dev server may read for the browser (relative to the project root). */
export const DEV_SERVED_DIRS = ["app", "public", "node_modules", ".react-router"];
/** Never served, even inside an allowed folder (Vite's own defaults are .env, .env.*, *.{crt,pem}, .git). */
export const DEV_DENIED_FILES = [
  ".env",
  ".env.*",
  ".dev.vars",
  ".dev.vars.*",
  "*.{crt,pem,key}",
  "**/.git/**",
  "**/.data/**",
  "**/supabase/**",
];

export default defineConfig({
  plugins: [cloudflare({ viteEnvironment: { name: "ssr" } }), tailwindcss(), reactRouter()],
  server: {
    port: Number(process.env.PORT) || 8787,
    strictPort: true,
    // The dev server hands files to the browser: only the app's own modules, public/ and dependencies, never
    // the database, secrets, migrations or repository metadata (decision record 009).
    fs: { strict: true, allow: DEV_SERVED_DIRS, deny: DEV_DENIED_FILES },
  },
  // Pre-bundle every dependency the browser imports, at start-up: one discovered later makes Vite re-optimise and
  // reload mid-visit, and the page can end up with two copies of React ("Invalid hook call") until a reload.
  // test/node/dev-server.test.ts visits every page on a cold cache and fails on such errors.
  optimizeDeps: {
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "react-router",
      "framer-motion",
      "framer-motion/mini",
      "@dnd-kit/core",
      "@dnd-kit/sortable",
      "@dnd-kit/utilities",
      "partysocket",
      "partysocket/react",
      "zod",
    ],
  },
  // Tests start the dev server with a fresh cache to see what a first-time developer sees.
  cacheDir: process.env.VITE_CACHE_DIR || "node_modules/.vite",
});
