/** Where a stored handle (contact-handles.ts normal form) can be opened: a profile, a chat, a mail or call link. */
export function handleHref(channel: string, handle: string): string | null {
  switch (channel) {
    case "whatsapp":
      return `https://wa.me/${handle.replace(/\D/g, "")}`;
    case "phone":
      return `tel:${handle}`;
    case "email":
      return `mailto:${handle}`;
    case "linkedin":
      return `https://www.${handle.replace(/^https?:\/\/(www\.)?/, "")}`;
    case "instagram":
      return `https://instagram.com/${handle}`;
    case "x":
      return /^\d+$/.test(handle) ? `https://x.com/i/user/${handle}` : `https://x.com/${handle}`;
    case "facebook":
      return /^\d+$/.test(handle) ? `https://facebook.com/profile.php?id=${handle}` : `https://facebook.com/${handle}`;
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
