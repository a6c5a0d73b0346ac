// Places from maintained datasets: country names and time zones (countries-and-timezones), cities with
// their province and IANA zone (city-timezones). Indexes are built once per isolate, on first use.
import cityTimezones from "city-timezones";
import { getAllCountries } from "countries-and-timezones";

export interface City {
  name: string;
  country: string;
  province: string;
  /** Two-letter state code for US cities (`CA`), else undefined. */
  stateCode?: string;
  timezone: string;
  population: number;
}

export interface GeoIndex {
  countries: Map<string, { code: string; name: string; timezones: string[] }>;
  /** Lower-cased name → the most populous city of that name. */
  cities: Map<string, City>;
  /** Lower-cased US state name → code and zone of its largest city. */
  usStates: Map<string, { code: string; name: string; timezone: string }>;
  citiesByCountry: Map<string, City[]>;
}

let index: GeoIndex | undefined;

export function geo(): GeoIndex {
  index ??= buildIndex();
  return index;
}

/** Cities the dataset lists without an ISO code (iso2 = -99): Kosovo's user-assigned XK, Somaliland under SO. */
const UNCODED_CITIES: Record<string, string> = { Pristina: "XK", Berbera: "SO", Hargeysa: "SO" };

function isoCode(raw: { iso2: unknown; city_ascii?: string; city: string }): string | undefined {
  if (typeof raw.iso2 === "string" && /^[A-Z]{2}$/.test(raw.iso2)) return raw.iso2;
  return UNCODED_CITIES[raw.city_ascii || raw.city];
}

function buildIndex(): GeoIndex {
  const citiesByCountry = new Map<string, City[]>();
  const cities = new Map<string, City>();
  for (const raw of cityTimezones.cityMapping) {
    const country = isoCode(raw);
    if (!country || !raw.timezone) continue;
    const city: City = {
      name: fold(raw.city_ascii || raw.city),
      country,
      province: raw.province,
      stateCode: country === "US" ? (raw as { state_ansi?: string }).state_ansi : undefined,
      timezone: raw.timezone,
      population: Math.round(raw.pop),
    };
    const list = citiesByCountry.get(city.country) ?? [];
    list.push(city);
    citiesByCountry.set(city.country, list);
    // Both "zurich" and "zürich" find Zürich.
    for (const key of new Set([city.name.toLowerCase(), raw.city.toLowerCase()])) {
      const known = cities.get(key);
      if (!known || known.population < city.population) cities.set(key, city);
    }
  }
  for (const list of citiesByCountry.values()) list.sort((a, b) => b.population - a.population);

  const countries = new Map<string, { code: string; name: string; timezones: string[] }>();
  for (const country of Object.values(getAllCountries())) {
    // The zone of the largest city goes first: tzdb lists Europe/Brussels for NL, we want Europe/Amsterdam.
    const primary = citiesByCountry.get(country.id)?.[0]?.timezone;
    const timezones = [...new Set([primary, ...country.timezones].filter((tz): tz is string => !!tz))];
    countries.set(country.id, { code: country.id, name: country.name, timezones });
  }

  const usStates = new Map<string, { code: string; name: string; timezone: string }>();
  for (const city of citiesByCountry.get("US") ?? []) {
    const key = city.province.toLowerCase();
    if (city.stateCode && !usStates.has(key))
      usStates.set(key, { code: `US-${city.stateCode}`, name: city.province, timezone: city.timezone });
  }
  return { countries, cities, usStates, citiesByCountry };
}

export function countryName(code: string | null | undefined): string | null {
  return code ? (geo().countries.get(code.toUpperCase())?.name ?? null) : null;
}

/** The zone of a place: the city's if we know it, else the state's, else the country's main zone. */
export function timezoneFor(place: {
  city?: string | null;
  region?: string | null;
  country?: string | null;
}): string | null {
  const { cities, usStates, countries } = geo();
  const country = place.country?.toUpperCase();
  const city = place.city ? cities.get(place.city.toLowerCase()) : undefined;
  if (city && (!country || city.country === country)) return city.timezone;
  if (country) {
    const sameCountry = place.city
      ? geo()
          .citiesByCountry.get(country)
          ?.find((c) => c.name.toLowerCase() === place.city!.toLowerCase())
      : undefined;
    if (sameCountry) return sameCountry.timezone;
  }
  if (country === "US" && place.region) {
    const state =
      usStates.get(place.region.toLowerCase()) ??
      [...usStates.values()].find((s) => s.code === `US-${place.region!.toUpperCase()}`);
    if (state) return state.timezone;
  }
  return country ? (countries.get(country)?.timezones[0] ?? null) : null;
}

/** "Montréal" → "Montreal": accents dropped so typed and stored names compare equal. */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}
