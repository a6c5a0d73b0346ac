// The names the place matcher knows: business shorthand for groups of countries, short names and demonyms,
// and other names of cities. Country names in Spanish, Portuguese, German and French come from
// i18n-iso-countries; these are only what no dataset package covers.
import de from "i18n-iso-countries/langs/de.json";
import es from "i18n-iso-countries/langs/es.json";
import fr from "i18n-iso-countries/langs/fr.json";
import pt from "i18n-iso-countries/langs/pt.json";
import { fold } from "./geo";

const EUROPE = ["DE", "FR", "GB", "IT", "ES", "NL", "BE", "SE", "NO", "DK", "FI", "IE", "AT", "CH", "PL", "PT", "CZ"];
const LATAM = ["MX", "BR", "AR", "CO", "CL", "PE"];

/** Business shorthand for groups of countries; no dataset package covers these, so they live here. */
export const AREAS: Record<string, string[]> = {
  dach: ["DE", "AT", "CH"],
  nordics: ["SE", "NO", "DK", "FI", "IS"],
  nordic: ["SE", "NO", "DK", "FI", "IS"],
  scandinavia: ["SE", "NO", "DK"],
  benelux: ["BE", "NL", "LU"],
  iberia: ["ES", "PT"],
  "uk and ireland": ["GB", "IE"],
  "uk & ireland": ["GB", "IE"],
  "north america": ["US", "CA"],
  "north american": ["US", "CA"],
  european: EUROPE,
  "latin america": LATAM,
  "latin american": LATAM,
  latam: LATAM,
  "middle east": ["AE", "SA", "QA", "KW", "BH", "OM", "IL", "JO"],
  gcc: ["AE", "SA", "QA", "KW", "BH", "OM"],
  mena: ["AE", "SA", "QA", "EG", "MA", "JO"],
  apac: ["AU", "NZ", "SG", "JP", "KR", "IN", "HK", "MY", "ID", "PH", "TH", "VN"],
  "southeast asia": ["SG", "MY", "ID", "PH", "TH", "VN"],
  anz: ["AU", "NZ"],
  "eastern europe": ["PL", "CZ", "SK", "HU", "RO", "BG", "UA"],
  cee: ["PL", "CZ", "SK", "HU", "RO", "BG", "SI", "HR"],
  europe: EUROPE,
  eu: ["DE", "FR", "IT", "ES", "NL", "BE", "SE", "DK", "FI", "IE", "AT", "PL", "PT", "CZ"],
  emea: ["DE", "FR", "GB", "IT", "ES", "NL", "SE", "AE", "SA", "ZA", "NG", "KE", "IL"],
  africa: ["ZA", "NG", "KE", "EG", "MA", "GH"],
  europa: EUROPE,
  "america latina": LATAM,
  lateinamerika: LATAM,
  "amerique latine": LATAM,
};

/** Short names and demonyms people write instead of the official country name. */
export const COUNTRY_ALIASES: Record<string, string> = {
  usa: "US",
  "u.s.a.": "US",
  "u.s.": "US",
  "united states": "US",
  america: "US",
  american: "US",
  "the states": "US",
  uk: "GB",
  "u.k.": "GB",
  britain: "GB",
  "great britain": "GB",
  british: "GB",
  scottish: "GB",
  welsh: "GB",
  uae: "AE",
  emirates: "AE",
  emirati: "AE",
  holland: "NL",
  dutch: "NL",
  german: "DE",
  deutschland: "DE",
  french: "FR",
  spanish: "ES",
  italian: "IT",
  swiss: "CH",
  austrian: "AT",
  belgian: "BE",
  swedish: "SE",
  norwegian: "NO",
  danish: "DK",
  finnish: "FI",
  irish: "IE",
  polish: "PL",
  portuguese: "PT",
  czech: "CZ",
  "czech republic": "CZ",
  canadian: "CA",
  mexican: "MX",
  brazilian: "BR",
  argentinian: "AR",
  colombian: "CO",
  chilean: "CL",
  australian: "AU",
  "new zealand": "NZ",
  kiwi: "NZ",
  indian: "IN",
  singaporean: "SG",
  japanese: "JP",
  korean: "KR",
  korea: "KR",
  "south korea": "KR",
  chinese: "CN",
  israeli: "IL",
  saudi: "SA",
  "saudi arabia": "SA",
  "south african": "ZA",
  nigerian: "NG",
  kenyan: "KE",
  egyptian: "EG",
  turkish: "TR",
  turkey: "TR",
  türkiye: "TR",
  turkiye: "TR",
  vietnam: "VN",
  "viet nam": "VN",
  russia: "RU",
  "hong kong": "HK",
  "costa rica": "CR",
  venezuela: "VE",
  bolivia: "BO",
};

/** Other names of cities, mapped to the dataset's name. */
export const CITY_ALIASES: Record<string, string> = {
  bangalore: "bengaluru",
  bombay: "mumbai",
  köln: "cologne",
  koln: "cologne",
  "new york city": "new york",
  nyc: "new york",
  "são paulo": "sao paulo",
  "frankfurt am main": "frankfurt",
  "washington dc": "washington, d.c.",
  "washington d.c.": "washington, d.c.",
  "washington d c": "washington, d.c.",
  "d.c.": "washington, d.c.",
  "san fran": "san francisco",
  "bay area": "san francisco",
  "sf bay area": "san francisco",
  philly: "philadelphia",
  vegas: "las vegas",
  munchen: "munich",
  "tel aviv": "tel aviv-yafo",
  "tel-aviv": "tel aviv-yafo",
};

/** City and country names that are also everyday words or first names; read as places only with context. */
export const NOT_PLACES = new Set([
  "nice",
  "mobile",
  "reading",
  "independence",
  "orange",
  "enterprise",
  "surprise",
  "mission",
  "victoria",
  "chad",
  "jordan",
  "man",
  "split",
  "sale",
  "best",
  "of",
  "can",
  "male",
  "ilo",
  "concord",
  "mandal",
  "bath",
  "florence",
  "lead",
  "bus",
  "commerce",
  "media",
  "kent",
  "para",
  "acre",
  "uri",
  "zug",
  "jura",
  "goa",
  "saba",
  "guam",
  "wien",
  "bern",
  "vaud",
]);

const LINKING =
  /(?<![\p{L}])(?:y|e|et|und|die|der|das|de|la|las|los|le|les|do|da|del|des|du|dos|das|el|en|em|no|na)(?![\p{L}])/u;

/** Country names in the other languages reps write (folded, lower-case) → ISO code. */
export function foreignCountryNames(): [string, string][] {
  const out: [string, string][] = [];
  for (const lang of [es, pt, de, fr]) {
    for (const [code, names] of Object.entries(lang.countries as Record<string, string | string[]>)) {
      for (const name of Array.isArray(names) ? names : [names]) {
        const key = fold(name).toLowerCase();
        // Names with a linking word ("Trinidad y Tobago") would be rewritten by the translation step.
        if (key.length >= 4 && !NOT_PLACES.has(key) && !LINKING.test(key)) out.push([key, code]);
      }
    }
  }
  return out;
}
