// fast-check arbitraries for "the same person, written differently": the formats real exports, forms and
// providers use for one phone number, e-mail, LinkedIn URL and company website. Shared by the pure
// candidate-merge property test and the API ones (import, manual create), so every path faces the same variants.
import fc from "fast-check";

export type KeyKind = "email" | "phone" | "linkedin" | "domain";
export const KEY_KINDS: KeyKind[] = ["email", "phone", "linkedin", "domain"];

export interface PersonVariant {
  fullName: string;
  companyName: string;
  country: string;
  email?: string;
  phone?: string;
  linkedinUrl?: string;
  companyDomain?: string;
}

interface Phone {
  country: string;
  /** International variants (work without a country) and national ones (need the person's country). */
  formats: string[];
}

/** `prefix` (10–99) comes from the person's id, so two people never share a number by chance. */
function phonesOf(country: "US" | "DE" | "GB", prefix: string, tail: string): Phone {
  if (country === "US") {
    const [a, b, c] = ["415", `5${prefix}`, tail];
    return {
      country,
      formats: [
        `+1${a}${b}${c}`,
        `+1 (${a}) ${b}-${c}`,
        `+1-${a}-${b}-${c}`,
        `(${a}) ${b}-${c}`,
        `${a}.${b}.${c}`,
        `${a} ${b} ${c}`,
      ],
    };
  }
  if (country === "DE") {
    const n = `23${prefix}${tail}`;
    return {
      country,
      formats: [`+49151${n}`, `+49 151 ${n}`, `+49 (0)151 ${n}`, `0151 ${n}`, `0151/${n}`, `00 49 151 ${n}`],
    };
  }
  const n = `79${prefix} ${tail}`;
  return { country, formats: [`+44 20 ${n}`, `+4420${n.replace(" ", "")}`, `020 ${n}`, `(020) ${n}`, `0044 20 ${n}`] };
}

/** Upper-cases a seeded choice of letters: `ada-l` → `AdA-l`. */
const recase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((flags) => [...text].map((ch, i) => (flags[i] ? ch.toUpperCase() : ch)).join(""));

const emailVariant = (email: string, spaces: boolean) =>
  fc
    .tuple(recase(email), fc.constantFrom("", " ", "  "), fc.constantFrom("", " ", "\t"))
    .map(([e, pre, post]) => (spaces ? `${pre}${e}${post}` : e));

const linkedinVariant = (slug: string) =>
  fc
    .tuple(
      fc.constantFrom("", "http://", "https://"),
      fc.constantFrom("", "www.", "de.", "uk.", "fr."),
      recase("linkedin.com"),
      recase(slug),
      fc.constantFrom("", "/"),
      fc.constantFrom("", "?trk=public_profile", "?originalSubdomain=de"),
      fc.constantFrom("", "#experience"),
    )
    .map(
      ([scheme, host, domain, s, slash, query, fragment]) =>
        `${scheme}${host}${domain}/in/${s}${slash}${query}${fragment}`,
    );

const domainVariant = (domain: string) =>
  fc
    .tuple(
      fc.constantFrom("", "http://", "https://", "HTTPS://"),
      fc.constantFrom("", "www.", "WWW."),
      recase(domain),
      fc.constantFrom("", "/", "/about", "/en/contact?ref=1"),
    )
    .map(([scheme, www, d, path]) => `${scheme}${www}${d}${path}`);

const nameVariant = (name: string) =>
  fc.tuple(recase(name), fc.constantFrom(" ", "  ")).map(([n, gap]) => n.replace(" ", gap));

export interface SamePerson {
  /** The key kind every variant carries (in some format), so all of them must collapse into one lead. */
  shared: KeyKind;
  variants: PersonVariant[];
}

/**
 * One person (unique per `id`) as 2–`max` records: each carries the shared key kind in a random format and
 * any other keys at random. `spaces`: e-mails may have surrounding whitespace (CSV cells, provider data; the
 * API's own e-mail validation refuses it).
 */
export function samePerson(id: string, opts: { max?: number; spaces?: boolean } = {}): fc.Arbitrary<SamePerson> {
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 10);
  const prefix = String(10 + (([...id].reduce((sum, ch) => sum * 31 + ch.charCodeAt(0), 7) >>> 0) % 90));
  return fc
    .record({
      country: fc.constantFrom<"US" | "DE" | "GB">("US", "DE", "GB"),
      tail: fc.integer({ min: 1000, max: 9999 }).map(String),
      shared: fc.constantFrom(...KEY_KINDS),
    })
    .chain(({ country, tail, shared }) => {
      const phone = phonesOf(country, prefix, tail);
      const base = {
        name: `Ada Lovelace${slug}`,
        company: `Analytical ${slug} Ltd`,
        domain: `analytical-${slug}.example`,
        email: `ada.${slug}@analytical-${slug}.example`,
        li: `ada-lovelace-${slug}`,
      };
      const variant = fc
        .record({
          fullName: nameVariant(base.name),
          email: emailVariant(base.email, opts.spaces ?? false),
          phone: fc.constantFrom(...phone.formats),
          linkedinUrl: linkedinVariant(base.li),
          companyDomain: domainVariant(base.domain),
          keep: fc.subarray(KEY_KINDS),
        })
        .map(({ keep, ...v }): PersonVariant => {
          const has = new Set([...keep, shared]);
          return {
            fullName: v.fullName,
            companyName: base.company,
            country,
            ...(has.has("email") ? { email: v.email } : {}),
            ...(has.has("phone") ? { phone: v.phone } : {}),
            ...(has.has("linkedin") ? { linkedinUrl: v.linkedinUrl } : {}),
            ...(has.has("domain") ? { companyDomain: v.companyDomain } : {}),
          };
        });
      return fc.record({
        shared: fc.constant(shared),
        variants: fc.array(variant, { minLength: 2, maxLength: opts.max ?? 4 }),
      });
    });
}
