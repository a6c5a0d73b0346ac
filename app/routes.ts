import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("signup", "routes/signup.tsx"),
  route("logout", "routes/logout.tsx"),
  route("invitations/:token", "routes/invitation.tsx"),
  route("dev/mailbox", "routes/dev-mailbox.tsx"),
  route("leads", "routes/leads-redirect.tsx"),
  route("dashboard/inbox/actions", "routes/inbox-actions.tsx"),
  layout("routes/dashboard-layout.tsx", [
    route("dashboard", "routes/dashboard-index.tsx"),
    route("dashboard/leads", "routes/dashboard-leads.tsx"),
    route("dashboard/contacts", "routes/dashboard-contacts.tsx"),
    route("dashboard/contacts/:id", "routes/dashboard-contact.tsx"),
    route("dashboard/crm", "routes/dashboard-crm.tsx"),
    route("dashboard/imports", "routes/dashboard-imports.tsx"),
    route("dashboard/inbox", "routes/dashboard-inbox.tsx"),
    route("dashboard/channels", "routes/dashboard-channels.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
