import { z } from "@hono/zod-openapi";
import { PIPELINE_STAGES } from "../db/schema";
import { CHANNELS } from "../services/leads.service";

const STAGE_NAMES = new Map<string, string>([...PIPELINE_STAGES, "none"].map((s) => [s.toLowerCase(), s]));
const csvIds = z
  .string()
  .max(200 * 37)
  .transform((v) => v.split(",").filter(Boolean))
  .pipe(z.array(z.uuid()).min(1).max(200));

/** The table's filters; every text filter matches regardless of case. */
export const LeadFiltersQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((c) => c.toUpperCase())
    .optional(),
  industry: z.string().trim().min(1).max(120).optional(),
  source: z.string().trim().min(1).max(40).optional(),
  minScore: z.coerce
    .number()
    .int()
    .min(0)
    .max(100)
    .optional()
    .openapi({ description: "Leads nobody scored count as 0, so 0 means every lead" }),
  maxScore: z.coerce.number().int().min(0).max(100).optional(),
  requestId: z.uuid().optional(),
  listId: z.uuid().optional(),
  stage: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const stage = STAGE_NAMES.get(v.toLowerCase());
      if (!stage) ctx.addIssue({ code: "custom", message: `One of: ${[...STAGE_NAMES.values()].join(", ")}` });
      return stage ?? v;
    })
    .optional()
    .openapi({ description: 'A pipeline stage (any board), or "none" for leads on no board' }),
  tag: z.string().trim().min(1).max(60).optional(),
  channel: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(CHANNELS))
    .optional()
    .openapi({ description: "Leads with a way to reach them on this channel" }),
  suppressed: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  ids: csvIds.optional().openapi({ description: "Only these leads (comma-separated ids, up to 200)" }),
});
