// CSV header → lead field, from the names common exports use (Sales Navigator, Apollo, HubSpot, generic).
import { z } from "zod";

export const IMPORT_FIELDS = [
  "fullName",
  "firstName",
  "lastName",
  "jobTitle",
  "companyName",
  "industry",
  "city",
  "region",
  "country",
  "location",
  "website",
  "companySize",
  "annualRevenue",
  "email",
  "phone",
  "linkedinUrl",
  "whatsapp",
  "instagram",
  "x",
  "facebook",
  "notes",
  "ignore",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const MappingSchema = z.record(z.string().max(200), z.enum(IMPORT_FIELDS));
export type Mapping = z.infer<typeof MappingSchema>;

const SYNONYMS: Record<Exclude<ImportField, "ignore">, string[]> = {
  fullName: [
    "name",
    "full name",
    "fullname",
    "contact name",
    "contact",
    "person",
    "lead name",
    "prospect name",
    "ceo",
    "founder",
    "owner",
  ],
  firstName: ["first name", "firstname", "given name", "first", "forename"],
  lastName: ["last name", "lastname", "surname", "family name", "last"],
  jobTitle: ["title", "job title", "jobtitle", "position", "role", "designation", "headline", "current title"],
  companyName: [
    "company",
    "company name",
    "organization",
    "organisation",
    "organization name",
    "account",
    "account name",
    "employer",
    "business name",
    "current company",
  ],
  industry: ["industry", "sector", "vertical", "company industry"],
  city: ["city", "town", "hq city", "company city", "person city"],
  region: ["state", "region", "province", "county", "state region", "state province", "company state", "person state"],
  country: ["country", "country region", "nation", "hq country", "company country", "person country"],
  location: ["location", "geography", "address", "geo", "person location", "company location"],
  website: [
    "website",
    "domain",
    "company website",
    "url",
    "web",
    "company domain",
    "website url",
    "company url",
    "homepage",
  ],
  companySize: [
    "employees",
    "headcount",
    "company size",
    "employee count",
    "number of employees",
    "employees count",
    "size",
    "staff",
    "num employees",
    "company headcount",
    "estimated num employees",
  ],
  annualRevenue: ["revenue", "annual revenue", "revenue rounded", "turnover", "sales", "arr", "company revenue"],
  email: ["email", "e mail", "email address", "work email", "business email", "emails"],
  phone: [
    "phone",
    "phone number",
    "mobile",
    "mobile phone",
    "telephone",
    "tel",
    "work phone",
    "cell",
    "direct phone",
    "corporate phone",
  ],
  linkedinUrl: [
    "linkedin",
    "linkedin url",
    "linkedin profile",
    "profile url",
    "sales navigator url",
    "person linkedin url",
    "linkedin sales navigator url",
    "navigator url",
    "linkedin profile url",
    "li url",
  ],
  whatsapp: ["whatsapp", "whatsapp number", "wa"],
  instagram: ["instagram", "instagram handle", "ig", "instagram url"],
  x: ["x", "twitter", "x twitter", "twitter handle", "twitter url", "x handle"],
  facebook: ["facebook", "facebook url", "fb", "facebook page"],
  notes: ["notes", "note", "comments", "comment", "description", "remarks"],
};

const normalizeHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
const LOOKUP = new Map<string, ImportField>(
  Object.entries(SYNONYMS).flatMap(([field, names]) => names.map((n) => [normalizeHeader(n), field as ImportField])),
);

/** Each header's proposed field; a field claimed twice keeps its first column, later ones are ignored. */
export function proposeMapping(headers: string[]): Mapping {
  const mapping: Mapping = {};
  const taken = new Set<ImportField>();
  for (const header of headers) {
    const field = LOOKUP.get(normalizeHeader(header)) ?? "ignore";
    mapping[header] = field !== "ignore" && taken.has(field) ? "ignore" : field;
    if (field !== "ignore") taken.add(field);
  }
  return mapping;
}

/** A file is only importable when it names a person (full name, or first and last name). */
export function hasName(mapping: Mapping): boolean {
  const fields = new Set(Object.values(mapping));
  return fields.has("fullName") || (fields.has("firstName") && fields.has("lastName"));
}

/** Headers such as "CEO" or "Founder" name the person and also say their title. */
export function impliedTitle(mapping: Mapping): string | null {
  const header = Object.entries(mapping).find(([, f]) => f === "fullName")?.[0];
  if (!header || Object.values(mapping).includes("jobTitle")) return null;
  return /^(ceo|founder|owner|cfo|cto|cmo|coo|president)$/i.test(header.trim()) ? header.trim() : null;
}

/** Sales Navigator exports carry its URL column; their leads are offered as the "salesnav" source. */
export function looksLikeSalesNavigator(headers: string[]): boolean {
  return headers.some((h) => /sales ?navigator/i.test(h));
}
