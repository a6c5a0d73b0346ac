import { describe, expect, it } from "vitest";
import { detectOptOut, normalizeOptOutText } from "./opt-out";

describe("detectOptOut", () => {
  it.each([
    ["STOP", "en"],
    ["stop", "en"],
    ["Stop.", "en"],
    ["STOP ALL", "en"],
    ["Stop please!", "en"],
    ["please stop", "en"],
    ["Unsubscribe", "en"],
    ["Please unsubscribe me from this list, thanks", "en"],
    ["Stop messaging me.", "en"],
    ["Remove me from your list!!", "en"],
    ["BAJA", "es"],
    ["darme de baja", "es"],
    ["Quiero darme de baja, gracias", "es"],
    ["No me escribas más", "es"],
    ["Stopp", "de"],
    ["ABMELDEN bitte", "de"],
    ["Bitte abmelden!", "de"],
    ["Keine Nachrichten mehr, danke.", "de"],
    ["Arrêter", "fr"],
    ["arrêt", "fr"],
    ["ARRET", "fr"],
    ["Désabonner", "fr"],
    ["Ne me contactez plus, merci.", "fr"],
    ["Arrêtez de m'écrire !", "fr"],
    ["Sair", "pt"],
    ["Não quero mais receber mensagens", "pt"],
    ["Parar", "es"],
    ["Cancelar", "es"],
    ["Basta", "es"],
    ["Disiscrivi", "it"],
    ["Non contattatemi più", "it"],
  ])("%j opts out (%s)", (text, language) => {
    expect(detectOptOut(text)).toEqual({ language });
  });

  it.each([
    "don't stop",
    "Don't stop messaging me, this is great",
    "stop by our booth tomorrow",
    "Can we stop by on Tuesday?",
    "I can't stop thinking about your offer",
    "Non-stop flights to Berlin?",
    "The bus stop is near the office",
    "Sounds good, let's talk",
    "Je ne veux pas me désabonner",
    "",
    "   ",
    "stop ".repeat(200),
  ])("%j is not an opt-out", (text) => {
    expect(detectOptOut(text)).toBeNull();
  });
});

describe("normalizeOptOutText", () => {
  it("ignores case, accents, apostrophes and punctuation", () => {
    expect(normalizeOptOutText("  Arrêtez   d'écrire !! ")).toBe("arretez decrire");
    expect(normalizeOptOutText("NÃO")).toBe("nao");
  });
});
