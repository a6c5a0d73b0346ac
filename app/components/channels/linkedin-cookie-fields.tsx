// The rep's LinkedIn session cookie, asked for when connecting LinkedIn and again after LinkedIn's security
// checkpoint or a log-out. The plain statement of what this means is part of the form, not a footnote.
export interface CookieValue {
  liAt: string;
  jsessionId: string;
}

export const OWN_SESSION_STATEMENT =
  "This uses your own LinkedIn session: messages go out from your LinkedIn account, as you, through the session cookie you paste here. LinkedIn offers no API for this, so keep the limits low (by default at most 80 messages a day, 45–120 seconds apart, to your 1st-degree connections only). The cookie is stored encrypted and never shown again; disconnecting deletes it and leaves you signed in to LinkedIn in your browser.";

export function LinkedinCookieFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: CookieValue;
  onChange: (v: CookieValue) => void;
}) {
  const input = "mt-1 block w-full rounded-lg border border-ink-700 bg-ink-950 px-3 py-2 font-mono text-ink-100";
  return (
    <>
      <label htmlFor={`${idPrefix}-li-at`} className="mt-3 block text-ink-100">
        Your li_at cookie
      </label>
      <input
        id={`${idPrefix}-li-at`}
        type="password"
        autoComplete="off"
        value={value.liAt}
        onChange={(e) => onChange({ ...value, liAt: e.target.value })}
        maxLength={4000}
        required
        className={input}
      />
      <label htmlFor={`${idPrefix}-jsession`} className="mt-3 block text-ink-100">
        JSESSIONID cookie (optional)
      </label>
      <input
        id={`${idPrefix}-jsession`}
        autoComplete="off"
        value={value.jsessionId}
        onChange={(e) => onChange({ ...value, jsessionId: e.target.value })}
        maxLength={200}
        placeholder="ajax:1234567890123456789"
        className={input}
      />
      <p className="mt-2 text-xs text-ink-300">
        In a browser signed in to linkedin.com: developer tools → Application (Storage) → Cookies →
        https://www.linkedin.com, copy the values of li_at and JSESSIONID.
      </p>
    </>
  );
}
