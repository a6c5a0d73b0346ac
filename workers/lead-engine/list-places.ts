// The workspace's own towns as vocabulary (issue 14, item 2): a list that says "Coral Gables, Florida" makes
// "CFOs in Coral Gables" a place even though the gazetteer's cities (city-timezones) stop at larger towns. Only
// what the gazetteer did not already read is looked up here. A one-word town must look like a place where it is
// written — capitalised, or right after "in / near / around / from / based in" — so a list's "Mobile" or
// "Reading" does not turn "mobile apps" or "reading lists" into a place.
import { fold } from "./geo";
import type { IcpLocation } from "./icp.schema";
import { STOP_WORDS } from "./icp-open-terms";

export interface ListPlace {
  city: string;
  region: string | null;
  country: string;
}

const MAX_WORDS = 4;
const PLACE_CUE = /(?:\b(?:in|near|around|from|outside|across|based in|located in)\s+)$/i;

function key(text: string): string {
  return fold(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Towns of the workspace's lists named in `text`, with their spans (most common spelling wins). */
export function matchListPlaces(
  text: string,
  places: readonly ListPlace[],
): { location: IcpLocation; span: [number, number] }[] {
  const byName = new Map<string, ListPlace>();
  for (const p of places) {
    const k = key(p.city);
    if (k.length >= 3 && !byName.has(k)) byName.set(k, p);
  }
  if (byName.size === 0) return [];
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const found: { location: IcpLocation; span: [number, number] }[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n);
      const start = run[0]!.index;
      const end = run[n - 1]!.index + run[n - 1]![0].length;
      if (/[,;:()]/.test(text.slice(start, end))) continue;
      const place = byName.get(key(text.slice(start, end)));
      if (!place) continue;
      const word = run[0]![0];
      const looksLikePlace = /^\p{Lu}/u.test(word) || PLACE_CUE.test(text.slice(0, start));
      if (n === 1 && (STOP_WORDS.has(word.toLowerCase()) || word.length < 4 || !looksLikePlace)) continue;
      if (n > 1 && !looksLikePlace) continue;
      found.push({
        location: { kind: "city", name: place.city, city: place.city, countries: [place.country], timezones: [] },
        span: [start, end],
      });
      i += n - 1;
      break;
    }
  }
  return found;
}
