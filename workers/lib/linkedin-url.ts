// The one normal form of a LinkedIn profile URL: lead identity, imports, suppressions, hand-typed handles and the
// web app's profile links all use it (no imports, so the browser bundle can take it too).

/**
 * `https://www.LinkedIn.com/in/Ada-L/?trk=x`, `http://de.linkedin.com/in/ada-l#top`, `linkedin.com/in/ADA-L/`
 * → `linkedin.com/in/ada-l`: scheme, `www.`/country subdomain, trailing slash, query, fragment and slug case
 * do not make two profiles different.
 */
export function normalizeLinkedinUrl(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  const match = /(?:^|[\s/.<(])linkedin\.com\/(in|company|sales\/lead|sales\/people)\/([^/?#\s]+)/i.exec(value);
  if (!match) return null;
  let slug = match[2]!;
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // A stray "%" is part of the slug as written.
  }
  return `linkedin.com/${match[1]!.toLowerCase()}/${slug.toLowerCase()}`;
}
