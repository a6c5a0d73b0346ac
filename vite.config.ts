import { cloudflare } from "@cloudflare/vite-plugin";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [cloudflare({ viteEnvironment: { name: "ssr" } }), tailwindcss(), reactRouter()],
  server: { port: Number(process.env.PORT) || 8787, strictPort: true },
  // Pre-bundle the client's dependencies at start-up so the first page load never triggers a re-optimise
  // and a full reload in dev.
  optimizeDeps: { include: ["react", "react-dom", "react-dom/client", "react-router", "framer-motion", "framer-motion/mini"] },
});
