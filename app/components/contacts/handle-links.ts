import { normalizeLinkedinUrl } from "../../../workers/lib/linkedin-url";

/**
 * Where a stored handle can be opened: a profile, a chat, a mail or call link. Imported handles are unchecked, so
 * LinkedIn links only what the LinkedIn normal form accepts (never another site), and names are URL-encoded.
 */
export function handleHref(channel: string, handle: string): string | null {
  const name = encodeURIComponent(handle.replace(/^@/, ""));
  switch (channel) {
    case "whatsapp":
      return `https://wa.me/${handle.replace(/\D/g, "")}`;
    case "phone":
      return `tel:${handle}`;
    case "email":
      return `mailto:${handle}`;
    case "linkedin": {
      const url = normalizeLinkedinUrl(handle);
      if (!url) return null;
      const [, kind, slug] = /^linkedin\.com\/(in|company|sales\/lead|sales\/people)\/(.+)$/.exec(url) ?? [];
      return kind && slug ? `https://www.linkedin.com/${kind}/${encodeURIComponent(slug)}` : null;
    }
    case "instagram":
      return name ? `https://instagram.com/${name}` : null;
    case "x":
      return /^\d+$/.test(name) ? `https://x.com/i/user/${name}` : name ? `https://x.com/${name}` : null;
    case "facebook":
      return /^\d+$/.test(name)
        ? `https://facebook.com/profile.php?id=${name}`
        : name
          ? `https://facebook.com/${name}`
          : null;
    default:
      return null;
  }
}

export const CHANNEL_LABELS: Record<string, string> = {
  whatsapp: "WhatsApp",
  phone: "Phone",
  email: "E-mail",
  linkedin: "LinkedIn",
  instagram: "Instagram",
  facebook: "Facebook",
  x: "X",
};
