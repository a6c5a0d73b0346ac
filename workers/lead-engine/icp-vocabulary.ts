// The words reps use for roles, industries, needs and channels, mapped to the canonical values the sources,
// the scorer and the UI share. Patterns are matched on lower-cased text with word boundaries.
import type { LeadChannel, Need, Seniority } from "./icp.schema";

export interface Term<T extends string> {
  value: T;
  patterns: RegExp[];
}

const words = (...alternatives: string[]) => new RegExp(`\\b(?:${alternatives.join("|")})\\b`, "i");

/** Business functions; `label` is how a role reads ("Head of Marketing"). */
export const FUNCTIONS: (Term<string> & { label: string })[] = [
  {
    value: "marketing",
    label: "Marketing",
    patterns: [words("marketing", "growth marketing", "demand gen(?:eration)?", "brand")],
  },
  {
    value: "sales",
    label: "Sales",
    patterns: [words("sales", "revenue", "business development", "biz ?dev", "commercial")],
  },
  {
    value: "engineering",
    label: "Engineering",
    patterns: [words("engineering", "technology", "tech", "development", "software")],
  },
  { value: "product", label: "Product", patterns: [words("product")] },
  { value: "finance", label: "Finance", patterns: [words("finance", "financial", "accounting")] },
  { value: "hr", label: "People", patterns: [words("hr", "human resources", "people", "talent", "recruiting")] },
  { value: "operations", label: "Operations", patterns: [words("operations", "ops")] },
  { value: "it", label: "IT", patterns: [words("it", "information technology", "information")] },
  { value: "procurement", label: "Procurement", patterns: [words("procurement", "purchasing")] },
  { value: "growth", label: "Growth", patterns: [words("growth")] },
  { value: "ecommerce", label: "E-commerce", patterns: [words("e-?commerce")] },
  { value: "digital", label: "Digital", patterns: [words("digital")] },
  {
    value: "customer_success",
    label: "Customer Success",
    patterns: [words("customer success", "customer experience", "cx")],
  },
  { value: "data", label: "Data", patterns: [words("data", "analytics")] },
  { value: "fundraising", label: "Fundraising", patterns: [words("fundraising")] },
];

/** Chief-officer titles: acronym and spelled-out forms, plural tolerated. */
export const CHIEF_TITLES: { label: string; fn: string | null; pattern: RegExp }[] = [
  { label: "CEO", fn: null, pattern: words("ceos?", "chief executives?(?: officers?)?") },
  {
    label: "CTO",
    fn: "engineering",
    pattern: words("ctos?", "chief technology officers?", "chief technical officers?"),
  },
  { label: "CMO", fn: "marketing", pattern: words("cmos?", "chief marketing officers?") },
  { label: "CFO", fn: "finance", pattern: words("cfos?", "chief financial officers?", "finance chiefs?") },
  { label: "COO", fn: "operations", pattern: words("coos?", "chief operating officers?") },
  { label: "CRO", fn: "sales", pattern: words("cros?", "chief revenue officers?") },
  {
    label: "CISO",
    fn: "it",
    pattern: words("cisos?", "chief information security officers?", "chief security officers?"),
  },
  { label: "CIO", fn: "it", pattern: words("cios?", "chief information officers?") },
  { label: "CPO", fn: "product", pattern: words("cpos?", "chief product officers?") },
  { label: "CHRO", fn: "hr", pattern: words("chros?", "chief people officers?", "chief human resources officers?") },
  { label: "CDO", fn: "data", pattern: words("cdos?", "chief data officers?", "chief digital officers?") },
];

/** Titles that carry a seniority by themselves. */
export const OWNER_TITLES: { label: string; seniority: Seniority; pattern: RegExp }[] = [
  { label: "Founder", seniority: "founder", pattern: words("founders?", "co-?founders?", "founding teams?") },
  {
    label: "Owner",
    seniority: "owner",
    pattern: words("(?<!product )owners?", "business owners?", "proprietors?"),
  },
  {
    label: "Managing Director",
    seniority: "c_suite",
    pattern: words("managing directors?", "geschäftsführer(?:in)?", "general managers?"),
  },
  { label: "President", seniority: "c_suite", pattern: words("presidents?") },
  { label: "Partner", seniority: "partner", pattern: words("partners?", "managing partners?") },
];

/** Seniority words that combine with a function: "head of marketing", "marketing directors", "VP Sales". */
export const SENIORITY_WORDS: { seniority: Seniority; label: string; pattern: string }[] = [
  { seniority: "vp", label: "VP", pattern: "(?:svp|evp|vps?|vice presidents?)" },
  { seniority: "head", label: "Head of", pattern: "heads?" },
  { seniority: "director", label: "Director of", pattern: "directors?" },
  { seniority: "manager", label: "Manager", pattern: "managers?" },
  { seniority: "senior", label: "Lead", pattern: "leads?" },
];

/** Generic seniority phrases that name no function ("decision makers", "executives", "C-level"). */
export const SENIORITY_PHRASES: { seniorities: Seniority[]; pattern: RegExp }[] = [
  { seniorities: ["c_suite"], pattern: words("c-?level", "c-?suite", "executives?", "chief officers?", "cxos?") },
  { seniorities: ["owner", "founder", "c_suite", "vp", "head", "director"], pattern: words("decision[- ]makers?") },
  { seniorities: ["vp", "head", "director"], pattern: words("senior leaders?(?:hip)?", "department heads?") },
];

export const INDUSTRIES: (Term<string> & { label: string })[] = [
  // First, while the text is intact: a bare "agencies" is a marketing agency unless another industry names it.
  {
    value: "marketing_agency",
    label: "Marketing & Advertising",
    patterns: [
      words(
        "marketing agencies",
        "ad agencies",
        "advertising agencies",
        "digital agencies",
        "creative agencies",
        "(?<!(?:real estate|estate|travel|recruitment|staffing|insurance|employment|talent|model|modelling|property|rental|translation|government|news)\\s)agenc(?:y|ies)",
      ),
    ],
  },
  {
    value: "software",
    label: "Software",
    patterns: [words("saas", "software", "b2b software", "tech companies", "tech startups", "cloud software", "apps?")],
  },
  {
    value: "fintech",
    label: "Fintech",
    patterns: [words("fintechs?", "financial technology", "payments? companies", "neobanks?")],
  },
  { value: "banking", label: "Banking", patterns: [words("banks?", "banking", "credit unions?")] },
  { value: "insurance", label: "Insurance", patterns: [words("insurance", "insurers?", "insurtechs?")] },
  {
    value: "pharmaceuticals",
    label: "Pharmaceuticals",
    patterns: [words("pharma", "pharmaceuticals?", "drug ?makers?")],
  },
  { value: "biotech", label: "Biotech", patterns: [words("biotechs?", "biotechnology", "life sciences")] },
  {
    value: "healthcare",
    label: "Healthcare",
    patterns: [
      words(
        "healthcare",
        "health ?care",
        "hospitals?",
        "clinics?",
        "medical",
        "dental (?:practices?|clinics?|offices?|groups?)",
        "tele ?health",
        "tele ?medicine",
        "digital health",
        "dentists?",
        "vets",
        "health ?tech",
        "med ?tech",
        "senior living(?: facilities| communities)?",
        "assisted living",
        "nursing homes?",
        "care homes?",
        "home health(?: ?care)?",
        "veterinar(?:y|ians?)(?: clinics?| practices?)?",
        "health",
      ),
    ],
  },
  {
    value: "ecommerce",
    label: "E-commerce",
    patterns: [
      words(
        "e-?commerce (?:shops?|stores?|brands?)",
        "e-?commerce",
        "online (?:stores?|shops?|retailers?)",
        "dtc",
        "d2c",
        "direct[- ]to[- ]consumer",
        "(?:shopify|amazon|etsy|woocommerce) (?:stores?|brands?|sellers?|merchants?)",
        "(?:sell(?:ing|s)?|trading) (?:on|via|through) (?:shopify|amazon|etsy|woocommerce)",
      ),
    ],
  },
  {
    value: "retail",
    label: "Retail",
    patterns: [
      words(
        "retail",
        "retailers?",
        "stores?",
        "shops?",
        "boutiques?(?! hotels?)",
        "grocer(?:y|ies|s)?",
        "supermarkets?",
        "department stores?",
      ),
    ],
  },
  {
    value: "manufacturing",
    label: "Manufacturing",
    patterns: [words("manufacturing", "manufacturers?", "factories", "industrial", "mittelstand")],
  },
  {
    value: "logistics",
    label: "Logistics",
    patterns: [
      words(
        "logistics",
        "freight",
        "shipping",
        "transportation",
        "trucking",
        "supply chain",
        "3pls?",
        "couriers?",
        "warehousing",
      ),
    ],
  },
  {
    value: "real_estate",
    label: "Real Estate",
    patterns: [words("real estate", "property (?:management|developers?)", "realtors?", "estate agents?", "proptech")],
  },
  {
    value: "construction",
    label: "Construction",
    patterns: [words("construction", "builders?", "contractors?", "architecture firms?")],
  },
  {
    value: "education",
    label: "Education",
    patterns: [
      words("education", "schools?", "universities", "colleges?", "edtech", "e-?learning", "training providers?"),
    ],
  },
  {
    value: "hospitality",
    label: "Hospitality",
    patterns: [
      words(
        "hospitality",
        "boutique hotels?",
        "hotels?",
        "restaurants?",
        "cafes?",
        "bars?",
        "coffee shops?",
        "bistros?",
        "pubs?",
      ),
    ],
  },
  { value: "travel", label: "Travel", patterns: [words("travel", "tourism", "tour operators?", "travel agencies")] },
  {
    value: "automotive",
    label: "Automotive",
    patterns: [
      words(
        "automotive",
        "car dealers(?:hips)?",
        "auto dealers(?:hips)?",
        "carmakers?",
        "auto ?repair(?: shops?)?",
        "auto ?body(?: shops?)?",
        "car washes",
        "mechanics",
      ),
    ],
  },
  {
    value: "energy",
    label: "Energy",
    patterns: [words("energy", "utilities", "oil and gas", "renewables?", "solar", "cleantech")],
  },
  {
    value: "telecommunications",
    label: "Telecommunications",
    patterns: [words("telecoms?", "telecommunications?", "telcos?", "isps?")],
  },
  {
    value: "media",
    label: "Media",
    patterns: [words("(?<!social )media", "publishers?", "publishing", "entertainment", "broadcasters?")],
  },
  {
    value: "consulting",
    label: "Consulting",
    patterns: [words("consulting", "consultancies", "consultancy", "consulting firms?", "consultants?")],
  },
  { value: "legal", label: "Legal", patterns: [words("law firms?", "legal", "lawyers?", "attorneys?", "solicitors?")] },
  {
    value: "accounting",
    label: "Accounting",
    patterns: [
      words(
        "accounting firms?",
        "accountants?",
        "accountancies",
        "bookkeep(?:ers?|ing)",
        "cpa firms?",
        "tax advisors?",
      ),
    ],
  },
  {
    value: "nonprofit",
    label: "Non-profit",
    patterns: [words("non-?profits?", "ngos?", "charities", "charity", "foundations")],
  },
  {
    value: "food_beverage",
    label: "Food & Beverage",
    patterns: [
      words(
        "food",
        "beverages?",
        "f&b",
        "breweries",
        "brewery",
        "wineries",
        "winery",
        "distiller(?:y|ies)",
        "cideries",
        "vineyards?",
        "bakeries",
        "coffee roasters?",
      ),
    ],
  },
  {
    value: "fashion",
    label: "Fashion & Apparel",
    patterns: [words("fashion", "apparel", "clothing", "footwear", "jewelry", "jewellery")],
  },
  { value: "gaming", label: "Gaming", patterns: [words("gaming", "game studios?", "video games?", "esports")] },
  {
    value: "cybersecurity",
    label: "Cybersecurity",
    patterns: [words("cyber ?security", "infosec", "security software")],
  },
  {
    value: "artificial_intelligence",
    label: "AI",
    patterns: [words("ai", "artificial intelligence", "machine learning", "ml")],
  },
  {
    value: "agriculture",
    label: "Agriculture",
    patterns: [words("agriculture", "agritech", "agtech", "farms?", "farming")],
  },
  { value: "aerospace", label: "Aerospace", patterns: [words("aerospace", "aviation", "airlines?", "defen[cs]e")] },
  {
    value: "beauty",
    label: "Beauty & Cosmetics",
    patterns: [words("beauty", "cosmetics?", "skincare", "salons?", "spas?")],
  },
  {
    value: "home_services",
    label: "Home Services",
    patterns: [
      words(
        "plumb(?:ing|ers?)",
        "electricians?",
        "hvac",
        "roofers?",
        "roofing",
        "cleaning (?:companies|services)",
        "landscap(?:ing|ers?)",
        "home services",
      ),
    ],
  },
  {
    value: "staffing",
    label: "Staffing & Recruiting",
    patterns: [words("staffing", "recruit(?:ment|ing) (?:agencies|firms|companies)", "recruiters?", "headhunters?")],
  },
  {
    value: "chemicals",
    label: "Chemicals",
    patterns: [words("chemicals?", "chemical (?:companies|makers|manufacturers|producers)", "petrochemicals?")],
  },
  { value: "mining", label: "Mining", patterns: [words("mining", "miners", "mines")] },
  {
    value: "investment",
    label: "Investment Management",
    patterns: [
      words(
        "investment (?:firms?|companies|managers?|management|funds?)",
        "asset manage(?:rs|ment)",
        "private equity",
        "venture capital",
        "vcs",
        "hedge funds?",
        "(?:investment |venture |pe |pension )?funds",
        "wealth management",
        "family offices?",
      ),
    ],
  },
  {
    value: "crypto",
    label: "Crypto & Web3",
    patterns: [words("crypto(?:currency|currencies)?", "blockchain", "web3", "defi")],
  },
  {
    value: "semiconductors",
    label: "Semiconductors",
    patterns: [words("semiconductors?", "chip ?makers?", "chips?", "chip companies")],
  },
  {
    value: "fitness",
    label: "Fitness & Wellness",
    patterns: [words("fitness", "gyms?", "wellness", "yoga studios?", "personal trainers?")],
  },
];

export const INDUSTRY_LABELS: Record<string, string> = Object.fromEntries(INDUSTRIES.map((i) => [i.value, i.label]));

/** Industries close enough that a match on one is half a match on the other. */
export const RELATED_INDUSTRIES: Record<string, string[]> = {
  software: ["artificial_intelligence", "cybersecurity", "fintech", "gaming"],
  fintech: ["banking", "software", "insurance"],
  banking: ["fintech", "insurance"],
  insurance: ["banking", "fintech"],
  pharmaceuticals: ["biotech", "healthcare"],
  biotech: ["pharmaceuticals", "healthcare"],
  healthcare: ["pharmaceuticals", "biotech", "fitness"],
  ecommerce: ["retail", "fashion", "beauty"],
  retail: ["ecommerce", "fashion"],
  artificial_intelligence: ["software"],
  cybersecurity: ["software"],
  marketing_agency: ["media", "consulting"],
  hospitality: ["travel", "food_beverage"],
  travel: ["hospitality"],
};

export const NEED_TERMS: Term<Need>[] = [
  {
    value: "paid_ads",
    patterns: [
      words(
        "paid ads",
        "paid advertising",
        "paid media",
        "paid social",
        "ppc",
        "google ads",
        "facebook ads",
        "meta ads",
        "instagram ads",
        "linkedin ads",
        "tiktok ads",
        "user acquisition ads",
        "ad campaigns?",
        "advertising",
        "ads",
      ),
    ],
  },
  {
    value: "seo",
    patterns: [
      words("seo", "search engine optimi[sz]ation", "organic (?:traffic|search|rankings?)", "rank(?:ing)? on google"),
    ],
  },
  {
    value: "funnel",
    patterns: [words("funnels?", "landing pages?", "conversion rates?", "cro", "conversion optimi[sz]ation")],
  },
  { value: "crm", patterns: [words("crm", "crm setup", "hubspot", "salesforce", "pipeline management")] },
  {
    value: "outreach",
    patterns: [
      words(
        "outreach",
        "lead gen(?:eration)?",
        "cold (?:email|outreach|calling)",
        "appointment setting",
        "more leads",
        "more (?:clients|customers|sales|business|deals)",
        "new customers",
        "(?<=need(?:s|ing)? (?:more |new |qualified )?(?:[\\w-]+ ){0,2})leads",
      ),
    ],
  },
  {
    value: "web_design",
    patterns: [words("web ?design", "new websites?", "website redesign", "redesign", "web development", "websites?")],
  },
  {
    value: "social_media",
    patterns: [
      words(
        "(?:instagram|facebook|linkedin|tiktok) (?:content|posts|presence|marketing|management)",
        "social media",
        "social media management",
        "community management",
        "influencer marketing",
        "content (?:for|on) (?:instagram|facebook|linkedin|tiktok)",
      ),
    ],
  },
  {
    value: "email_marketing",
    patterns: [
      words(
        "e-?mail marketing",
        "e-?mail newsletters?",
        "newsletters?",
        "e-?mail campaigns?",
        "e-?mail (?:flows|sequences)",
      ),
    ],
  },
  { value: "content", patterns: [words("content marketing", "content", "copywriting", "blog(?:ging)?")] },
  { value: "automation", patterns: [words("automation", "marketing automation", "workflows?", "zapier")] },
  { value: "analytics", patterns: [words("analytics", "tracking", "attribution", "reporting")] },
  { value: "branding", patterns: [words("branding", "rebrand(?:ing)?", "brand identity")] },
];

export const CHANNEL_TERMS: Term<LeadChannel>[] = [
  { value: "whatsapp", patterns: [words("whats ?app"), /\b(?:on|via|by|over)\s+wa\b/i] },
  { value: "linkedin", patterns: [words("linked ?in", "sales navigator")] },
  { value: "instagram", patterns: [words("instagram", "insta", "ig")] },
  { value: "facebook", patterns: [words("facebook", "messenger", "fb")] },
  { value: "email", patterns: [words("e-?mails?", "inbox(?:es)?")] },
  { value: "phone", patterns: [words("phones?", "telephone", "calls?", "calling", "sms", "text messages?")] },
  // A bare "X" is only a channel in a channel context ("on X", "via X", "X DMs").
  {
    value: "x",
    patterns: [
      words("twitter", "tweets?"),
      /\b(?:on|via|through|over|using|by)\s+x\b/i,
      /\bx\s*(?:\(twitter\)|dms?|direct messages?)\b/i,
    ],
  },
];
