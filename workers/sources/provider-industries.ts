// Providers name industries their own way (LinkedIn's list, Clearbit's categories, Crunchbase categories);
// the usual names map here, anything else goes through the description vocabulary.
import { INDUSTRIES } from "../lead-engine/icp-vocabulary";

const KNOWN: Record<string, string> = {
  "computer software": "software",
  "information technology & services": "software",
  internet: "ecommerce",
  "financial services": "fintech",
  "marketing & advertising": "marketing_agency",
  advertising: "marketing_agency",
  "hospital & health care": "healthcare",
  "food & beverages": "food_beverage",
  "management consulting": "consulting",
  "computer & network security": "cybersecurity",
  "apparel & fashion": "fashion",
  cosmetics: "beauty",
  "health, wellness & fitness": "fitness",
};

export function providerIndustry(name: string | null | undefined): string | null {
  if (!name) return null;
  const key = name.trim().toLowerCase();
  if (KNOWN[key]) return KNOWN[key]!;
  if (INDUSTRIES.some((i) => i.value === key.replace(/ /g, "_"))) return key.replace(/ /g, "_");
  return INDUSTRIES.find((i) => i.patterns.some((p) => p.test(key)))?.value ?? null;
}
