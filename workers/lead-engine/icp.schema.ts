import { z } from "zod";

/** Apollo's seniority vocabulary; every source maps its own onto it so ranking compares like with like. */
export const SENIORITIES = [
  "owner",
  "founder",
  "c_suite",
  "partner",
  "vp",
  "head",
  "director",
  "manager",
  "senior",
  "entry",
] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const LEAD_CHANNELS = ["whatsapp", "linkedin", "instagram", "facebook", "x", "email", "phone"] as const;
export type LeadChannel = (typeof LEAD_CHANNELS)[number];

export const NEEDS = [
  "paid_ads",
  "seo",
  "funnel",
  "crm",
  "outreach",
  "web_design",
  "social_media",
  "email_marketing",
  "content",
  "automation",
  "analytics",
  "branding",
] as const;
export type Need = (typeof NEEDS)[number];

export const SOURCE_NAMES = ["apollo", "clearbit", "crunchbase", "salesnav", "lists", "sample"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export const RangeSchema = z.object({
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
});
export type Range = z.infer<typeof RangeSchema>;

export const LocationSchema = z.object({
  kind: z.enum(["country", "region", "city", "area"]),
  name: z.string(),
  /** ISO 3166-1 alpha-2 codes the place covers (one for a country or city, several for an area like "DACH"). */
  countries: z.array(z.string()),
  /** ISO 3166-2 subdivision, e.g. `US-CA`, for a state or region. */
  regionCode: z.string().optional(),
  city: z.string().optional(),
  timezones: z.array(z.string()),
});
export type IcpLocation = z.infer<typeof LocationSchema>;

export const IcpSchema = z.object({
  roles: z.array(z.string()),
  functions: z.array(z.string()),
  seniorities: z.array(z.enum(SENIORITIES)),
  industries: z.array(z.string()),
  excludeIndustries: z.array(z.string()),
  locations: z.array(LocationSchema),
  companySize: RangeSchema.nullable(),
  annualRevenue: RangeSchema.nullable(),
  channels: z.array(z.enum(LEAD_CHANNELS)),
  needs: z.array(z.enum(NEEDS)),
  keywords: z.array(z.string()),
  /** Needs in the rep's words that are not one of NEEDS ("reduce returns"), matched as free text. */
  needTerms: z.array(z.string()).default([]),
  /** Industry labels of the workspace's own lists that the description names ("Trucking, Truck Leasing"). */
  listIndustries: z.array(z.string()).default([]),
  /** Job titles of the workspace's own lists that the description names ("principals" → "Principal"). */
  listTitles: z.array(z.string()).default([]),
  /** False when nothing in the description was understood; `ignored` says what was not. */
  understood: z.boolean().default(true),
  ignored: z.array(z.string()).default([]),
  /** Where the optional LLM read the description differently from the rules (the rules' reading is kept). */
  contradictions: z
    .array(
      z.object({
        field: z.enum(["industries", "companySize", "annualRevenue", "places"]),
        rules: z.string(),
        model: z.string(),
      }),
    )
    .default([]),
  /** Which fields came from explicit filters rather than the text (filters win). */
  fromFilters: z.array(z.string()),
  parser: z.enum(["rules", "llm"]),
});
export type Icp = z.infer<typeof IcpSchema>;

export function emptyIcp(): Icp {
  return {
    roles: [],
    functions: [],
    seniorities: [],
    industries: [],
    excludeIndustries: [],
    locations: [],
    companySize: null,
    annualRevenue: null,
    channels: [],
    needs: [],
    keywords: [],
    needTerms: [],
    listIndustries: [],
    listTitles: [],
    understood: true,
    ignored: [],
    contradictions: [],
    fromFilters: [],
    parser: "rules",
  };
}
