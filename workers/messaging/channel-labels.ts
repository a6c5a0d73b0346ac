// Channel names as people read them. Imports only a type, so the UI can share it without pulling in the
// database schema.
import type { MessageChannel } from "../db/schema";

export const CHANNEL_LABELS: Record<MessageChannel, string> = {
  whatsapp: "WhatsApp",
  instagram: "Instagram",
  facebook: "Facebook",
  x: "X",
  linkedin: "LinkedIn",
  sandbox: "Sandbox",
};
