// Opt-out keywords in the languages our leads write in (en, es, de, fr, pt, it). A message opts out when it is
// essentially the keyword ("STOP", "Stop please!", "darme de baja") or contains a clear phrase ("please
// unsubscribe me", "ne me contactez plus"); "don't stop" or "stop by our booth tomorrow" do not. Pure, so the
// rules are table-tested (opt-out.test.ts); the inbound consumer acts on the answer.

export const OPT_OUT_LANGUAGES = ["en", "es", "de", "fr", "pt", "it"] as const;
export type OptOutLanguage = (typeof OPT_OUT_LANGUAGES)[number];

/** A whole message (after dropping courtesy words) that means "stop". First language listed wins a tie. */
const KEYWORDS: Record<OptOutLanguage, string[]> = {
  en: [
    "stop",
    "stop all",
    "stopall",
    "unsubscribe",
    "unsub",
    "opt out",
    "optout",
    "cancel",
    "end",
    "quit",
    "remove me",
  ],
  es: ["baja", "darme de baja", "dame de baja", "de baja", "parar", "cancelar", "basta", "alto", "no mas"],
  de: ["stopp", "abmelden", "abbestellen", "austragen", "abmeldung", "aufhoren"],
  fr: ["arret", "arreter", "arretez", "desabonner", "desabonnement", "desinscrire", "desinscription"],
  pt: ["sair", "pare", "parem", "descadastrar", "cancelar inscricao"],
  it: ["disiscrivi", "disiscrivimi", "disiscrivere", "cancellami", "basta cosi", "annulla iscrizione"],
};

/** Phrases that opt out wherever they appear in a longer message. */
const PHRASES: Record<OptOutLanguage, string[]> = {
  en: [
    "unsubscribe me",
    "please unsubscribe",
    "i want to unsubscribe",
    "stop messaging me",
    "stop texting me",
    "stop contacting me",
    "stop sending me",
    "stop writing to me",
    "stop emailing me",
    "remove me from your list",
    "take me off your list",
    "do not contact me",
    "dont contact me",
    "do not message me",
    "dont message me",
    "opt me out",
  ],
  es: [
    "darme de baja",
    "dame de baja",
    "quiero la baja",
    "no me escribas mas",
    "no me escriban mas",
    "deja de escribirme",
    "dejen de escribirme",
    "no me contactes",
    "no quiero recibir mas",
  ],
  de: [
    "bitte abmelden",
    "mich abmelden",
    "mich austragen",
    "keine nachrichten mehr",
    "horen sie auf mir zu schreiben",
    "hor auf mir zu schreiben",
    "nicht mehr kontaktieren",
    "nicht mehr anschreiben",
  ],
  fr: [
    "me desabonner",
    "desabonnez moi",
    "desinscrivez moi",
    "ne me contactez plus",
    "ne mecrivez plus",
    "arretez de mecrire",
    "arretez de me contacter",
    "je ne veux plus recevoir",
  ],
  pt: [
    "quero sair",
    "me descadastre",
    "me tire da lista",
    "pare de me enviar",
    "pare de me mandar",
    "nao quero mais receber",
    "nao me contate mais",
    "cancelar inscricao",
  ],
  it: [
    "voglio disiscrivermi",
    "disiscrivetemi",
    "cancellatemi",
    "non contattatemi piu",
    "non scrivetemi piu",
    "smettete di scrivermi",
    "non voglio piu ricevere",
  ],
};

/** Words that may surround a keyword without changing its meaning ("STOP please", "baja, gracias"). */
const COURTESY = new Set(
  [
    "please",
    "pls",
    "plz",
    "now",
    "it",
    "thanks",
    "thank you",
    "thx",
    "ok",
    "por favor",
    "gracias",
    "ya",
    "bitte",
    "danke",
    "jetzt",
    "sofort",
    "merci",
    "svp",
    "sil vous plait",
    "sil te plait",
    "maintenant",
    "obrigado",
    "obrigada",
    "agora",
    "per favore",
    "grazie",
    "subito",
  ].flatMap((w) => w.split(" ")),
);

/** A phrase directly after one of these is negated: "don't stop messaging me" is no opt-out. */
const NEGATIONS = new Set([
  ...["dont", "not", "never", "didnt", "cant", "wont", "no", "nicht", "nie", "kein", "ne", "pas", "non", "nao"],
]);

/** Case, accents, apostrophes and punctuation do not matter: `Arrêtez d'écrire !` → `arretez decrire`. */
export function normalizeOptOutText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/['’‘`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The language of the opt-out when `text` is one, else null. */
export function detectOptOut(text: string): { language: OptOutLanguage } | null {
  const normal = normalizeOptOutText(text);
  if (!normal || normal.length > 500) return null;
  const core = normal
    .split(" ")
    .filter((w) => !COURTESY.has(w))
    .join(" ");
  for (const language of OPT_OUT_LANGUAGES) if (KEYWORDS[language].includes(core)) return { language };
  const words = ` ${normal} `;
  for (const language of OPT_OUT_LANGUAGES) {
    for (const phrase of PHRASES[language]) {
      const at = words.indexOf(` ${phrase} `);
      if (at < 0) continue;
      // "don't stop messaging me", "je ne veux pas me désabonner": a negation just before cancels it.
      const before = words.slice(0, at).trim().split(" ").slice(-2);
      if (!before.some((w) => NEGATIONS.has(w))) return { language };
    }
  }
  return null;
}

/** The one reply an opt-out gets, in the language it was written in. */
export const OPT_OUT_CONFIRMATIONS: Record<OptOutLanguage, string> = {
  en: "You're unsubscribed: you won't get any more messages from us.",
  es: "Te has dado de baja: no volverás a recibir mensajes nuestros.",
  de: "Sie sind abgemeldet: Sie erhalten keine weiteren Nachrichten von uns.",
  fr: "Vous êtes désabonné(e) : vous ne recevrez plus de messages de notre part.",
  pt: "Você foi descadastrado(a): não receberá mais mensagens nossas.",
  it: "Sei stato disiscritto: non riceverai più messaggi da parte nostra.",
};
