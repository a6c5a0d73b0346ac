export interface NavLinkItem {
  to: string;
  label: string;
  description: string;
  /** On phones only this start of the label shows (the rest stays for screen readers), so every tab fits. */
  short?: string;
}

export const NAV_LINKS: NavLinkItem[] = [
  {
    to: "/dashboard/leads",
    label: "Find leads",
    short: "Find",
    description: "Describe your ideal client and generate ranked leads",
  },
  {
    to: "/dashboard/contacts",
    label: "Contacts",
    description: "Every lead in the workspace: search, filter, act on many",
  },
  { to: "/dashboard/crm", label: "CRM", description: "Move leads through your pipeline" },
  { to: "/dashboard/inbox", label: "Inbox", description: "Every conversation with your leads, on every channel" },
  { to: "/dashboard/channels", label: "Channels", description: "Connect WhatsApp numbers; pause, limits" },
  { to: "/dashboard/imports", label: "Imports", description: "Bring in your own lists; export your leads" },
];
