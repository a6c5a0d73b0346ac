// `bun run db:migrate` — applies supabase/migrations to DATABASE_URL (or the local Postgres).
import { migrate } from "./lib/migrate.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `bun run dev` migrates the embedded database by itself.");
  process.exit(2);
}
try {
  const { applied, skipped } = await migrate(url);
  for (const name of applied) console.log(`applied  ${name}`);
  console.log(`${applied.length} applied, ${skipped.length} already up to date`);
} catch (err) {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
