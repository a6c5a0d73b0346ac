// Spanish, Portuguese, German and French descriptions read as English: the words reps use for roles, company
// kinds, sizes, money, needs and linking words, rewritten to the English the rest of the parser reads. Country
// names in those languages come from i18n-iso-countries (icp-locations.ts); only words no package covers are
// here. Keys are accent-folded because the text is folded before this runs.

type Rule = [RegExp, string | ((...groups: string[]) => string)];
const w = (alternatives: string, english: string): Rule => [
  new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alternatives})(?![\\p{L}\\p{N}-])`, "giu"),
  english,
];

/** German compounds: "Softwarefirmen", "Logistikunternehmen", "Vertriebsleiter", "E-Commerce-Marken". */
const GERMAN_STEMS: Record<string, string> = {
  software: "software",
  logistik: "logistics",
  industrie: "industrial",
  versicherungs: "insurance",
  automobil: "automotive",
  auto: "automotive",
  bau: "construction",
  immobilien: "real estate",
  pharma: "pharma",
  technologie: "technology",
  tech: "tech",
  "e-commerce": "e-commerce",
  mode: "fashion",
  lebensmittel: "food",
  energie: "energy",
  marketing: "marketing",
  vertriebs: "sales",
  vertrieb: "sales",
  finanz: "finance",
  personal: "hr",
  einkaufs: "procurement",
  betriebs: "operations",
  it: "it",
  produkt: "product",
};
const english = (stem: string) => GERMAN_STEMS[stem.toLowerCase()] ?? stem;
const STEM = Object.keys(GERMAN_STEMS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const germanCompounds: Rule[] = [
  [
    new RegExp(
      `(?<![\\p{L}])(${STEM})-?(unternehmen|firmen|firma|marken|hersteller|konzerne|branche|industrie)\\b`,
      "giu",
    ),
    (_m, stem) => `${english(stem!)} companies`,
  ],
  [
    new RegExp(`(?<![\\p{L}])(${STEM})-?(leiter(?:in|innen)?|chefs?)\\b`, "giu"),
    (_m, stem) => `head of ${english(stem!)}`,
  ],
  [new RegExp(`(?<![\\p{L}])(${STEM})-?(direktor(?:en|in)?)\\b`, "giu"), (_m, stem) => `director of ${english(stem!)}`],
];

const RULES: Rule[] = [
  w("ciudad de mexico|cidade do mexico|mexiko-stadt|mexico df|cdmx", "mexico city"),
  w("lisboa|lissabon|lisbonne", "lisbon"),
  w("madri", "madrid"),
  w("munchen", "munich"),
  w("koln", "cologne"),
  w("wien|viena", "vienna"),
  w("londres", "london"),
  // French "au Québec" is the province ("à Québec" the city); "estado de"/"provincia de" name a state.
  w("au quebec", "in the province of quebec"),
  w("estado de|etat de|estado do", "state of"),
  w("provincia de|province de|provincia do", "province of"),
  w("nueva york|nova york|nova iorque", "new york"),
  // Titles.
  w(
    "director(?:es)? general(?:es)?|directeurs? generaux|directeur general|diretor(?:es)? (?:geral|gerais)|pdg|vorstandsvorsitzende[rn]?",
    "ceo",
  ),
  w("directeurs? financiers?|directores? financieros?|diretor(?:es)? financeiros?|finanzvorst(?:and|ande|ände)", "cfo"),
  w("directeurs? (?:techniques?|de la technologie)|directores? de tecnologia|diretor(?:es)? de tecnologia", "cto"),
  w("geschaftsfuhrer(?:in|innen)?|gerente general|gerentes generales|directeur general delegue", "managing director"),
  w("directores|directoras|diretores|diretoras|directeurs|directrices|direktoren", "directors"),
  w("director|directora|diretor|diretora|directeur|directrice|direktor|direktorin", "director"),
  w("jefes|jefas|chefes|responsables|responsaveis|verantwortliche|leiter|leiterinnen", "heads"),
  w("jefe|jefa|chefe|responsable", "head"),
  w("gerentes|gestores|managers", "managers"),
  w("gerente|gestor", "manager"),
  w("duenos|duenas|propietarios|proprietarios|proprietaires|donos|donas|inhaber(?:innen)?|eigentumer", "owners"),
  w("dueno|duena|propietario|proprietario|proprietaire|dono|dona", "owner"),
  w("fundadores|fundadoras|fondateurs|fondatrices|grunder(?:innen)?", "founders"),
  w("fundador|fundadora|fondateur|fondatrice", "founder"),
  w("socios|socias|associes|socios-gerentes", "partners"),
  w("ventas|vendas|ventes|vertrieb|commerciaux|commerciales|comerciales|comerciais|commercial", "sales"),
  w("finanzas|financas|finances|finanzen", "finance"),
  w("recursos humanos|ressources humaines|personalwesen", "hr"),
  w("operaciones|operacoes|operations|betrieb", "operations"),
  w("compras|achats|einkauf", "procurement"),
  w("tecnologia|technologie", "technology"),
  w("productos?|produtos?|produits?|produkt", "product"),
  w("mercadotecnia", "marketing"),
  ...germanCompounds,
  // Company kinds and industries.
  w("editeurs? de logiciels?|empresas de software|empresas de tecnologia|softwarehauser", "software companies"),
  w(
    "empresas manufactureras|empresas industriales|industrias|entreprises industrielles|industrieunternehmen|fabricantes",
    "industrial companies",
  ),
  w("aseguradoras|seguradoras|versicherungen|versicherer|compagnies d'assurances?|assureurs", "insurance companies"),
  w("logistica|logistique|logistik", "logistics"),
  w("restaurantes|restaurants", "restaurants"),
  w("hoteles|hoteis|hotels", "hotels"),
  w("automocion|automotriz|automotivo|automovel|automobilindustrie|automobile|l'automobile", "automotive"),
  // Noun then adjective in es/pt/fr: "agences immobilières" is a real-estate agency, not an agency.
  w("agences immobilieres|agencias inmobiliarias|agencias imobiliarias|immobilienagenturen", "real estate agencies"),
  w("agences de voyages?|agencias de viajes|agencias de viagens|reiseburos", "travel agencies"),
  w("inmobiliarias?|imobiliarias?|immobilienmakler|immobilien|immobiliers?|immobilieres?", "real estate"),
  w("clinicas dentales|clinicas odontologicas|zahnarztpraxen|cabinets dentaires", "dental clinics"),
  w("salud|saude|gesundheitswesen|sante", "healthcare"),
  w("construccion|construcao|bauunternehmen", "construction"),
  w("marcas|marques|marken", "brands"),
  w("bancos|banques|banken", "banks"),
  w("gimnasios|academias|fitnessstudios|salles de sport", "gyms"),
  w("transporte|transportes|transports|transportunternehmen", "transportation"),
  w("consultoras|consultorias|consultoria|beratungen|cabinets de conseil", "consultancies"),
  w("evitar|eviter|vermeiden", "avoid"),
  w("hospitales|hospitais|hopitaux|krankenhauser", "hospitals"),
  w("industriel(?:le)?s?|industriales|industriais", "industrial"),
  w("pme|pmes|pyme|pymes|kmu", "smbs"),
  w("clinicas|cliniques|kliniken", "clinics"),
  w("tiendas online|lojas online|onlineshops|boutiques en ligne", "online stores"),
  w("agencias de marketing|agences marketing|agences de marketing|marketingagenturen", "marketing agencies"),
  // Business kinds a rep names in their own language (accent-folded); the English the vocabulary reads.
  w(
    "escritorios de contabilidade|escritorios contabeis|despachos contables|oficinas contables|cabinets comptables|cabinets d'expertise comptable|experts?-comptables|steuerkanzleien|steuerberater(?:n|kanzleien|buros)?|wirtschaftsprufer(?:n)?|contadores|contables|comptables",
    "accounting firms",
  ),
  w("contabilidad|contabilidade|comptabilite|buchhaltung", "accounting"),
  w(
    "escritorios de advocacia|despachos de abogados|bufetes(?: de abogados)?|cabinets d'avocats|anwaltskanzleien|kanzleien|abogados|advogados|avocats|rechtsanwalte|anwalte",
    "law firms",
  ),
  w(
    "maschinenbau(?:er|ern|unternehmen|firmen)?|fabricantes de maquinaria|fabricantes de maquinas|fabricants de machines",
    "machinery manufacturers",
  ),
  w("fabricas|usines|fabriken", "factories"),
  w(
    "farmaceuticas|farmaceuticos|laboratorios farmaceuticos|laboratoires pharmaceutiques|pharmaunternehmen",
    "pharmaceutical companies",
  ),
  w("telecomunicaciones|telecomunicacoes|telekommunikation|operadoras de telecomunicacoes", "telecommunications"),
  w("turismo|tourisme|tourismus", "tourism"),
  w("agroalimentaire|alimentaire|alimentos|alimentacion|alimentacao", "food"),
  w("bebidas|boissons|getranke", "beverages"),
  w("minoristas|varejistas|varejo|commerce de detail|detaillants|einzelhandler|einzelhandel", "retailers"),
  w("tiendas|lojas|magasins|geschafte", "stores"),
  w("constructoras|construtoras|entreprises du batiment|btp|baufirmen", "construction companies"),
  w("escuelas|colegios|escolas|ecoles|schulen", "schools"),
  w("universidades|universites|universitaten|hochschulen", "universities"),
  w("ciberseguridad|ciberseguranca|cybersecurite", "cybersecurity"),
  w("inteligencia artificial|intelligence artificielle|kunstliche intelligenz", "artificial intelligence"),
  w("comercio electronico|comercio eletronico|commerce en ligne", "e-commerce"),
  w("agencias de publicidad|agencias de publicidade|agences de publicite|werbeagenturen", "advertising agencies"),
  w("consultorios(?: medicos)?|cabinets medicaux|arztpraxen", "medical practices"),
  w("seguros|assurances", "insurance"),
  w("agricultura|agriculture|landwirtschaft|agricolas?", "agriculture"),
  w("anuncios|publicidad|publicidade|publicite|werbung|anzeigen", "ads"),
  w("ti", "it"),
  w("agences|agencias|agenturen", "agencies"),
  w("empresas|compagnies|entreprises|societes|unternehmen|firmen|firmas", "companies"),
  w("empresa|entreprise|societe|unternehmen|firma", "company"),
  // Size and money.
  w(
    "empleados|funcionarios|colaboradores|trabajadores|salaries|employes|mitarbeiter(?:n|innen)?|beschaftigte[n]?",
    "employees",
  ),
  w("facturacion|faturamento|ingresos|receita|umsatz|chiffre d'affaires|ca annuel", "revenue"),
  w("millones|milhoes|millions|mio\\.?|millionen", "million"),
  w("mil millones|milliards|milliarden|mrd\\.?", "billion"),
  w("dolares|dollars", "dollars"),
  w("mas de|mais de|plus de|mehr als|acima de|au-dessus de|superior a", "more than"),
  w("menos de|moins de|weniger als|unter", "fewer than"),
  w("entre", "between"),
  // Needs and channels.
  w("necesitan|necesitan de|precisam de|precisam|ont besoin d'|ont besoin de|ont besoin|brauchen|benotigen", "need"),
  w(
    "una web nueva|una nueva web|un sitio web nuevo|um site novo|um novo site|une nouvelle site|nouveau site web|un nouveau site web|d'un nouveau site web|eine neue website|neue website",
    "new website",
  ),
  w("contenido para instagram|conteudo para instagram|contenu instagram|instagram-content", "instagram content"),
  w(
    "anuncios pagados|anuncios pagos|publicidad pagada|publicite payante|publicite en ligne|bezahlte werbung|bezahlte anzeigen",
    "paid ads",
  ),
  w("posicionamiento web|posicionamento|referencement", "seo"),
  w("redes sociales|redes sociais|reseaux sociaux|soziale medien", "social media"),
  w(
    "contactables por|contactaveis pelo|joignables sur|joignables par|joignable par|erreichbar uber|erreichbar per|pelo|por",
    "via",
  ),
  w("sur", "on"),
  // Exclusions and linking words.
  w("excepto|exceto|sauf|ausser|außer|ohne|sin|sem|hors", "except"),
  w("pero no|mas nao|mais pas|aber nicht|aber keine|keine|kein|pas de", "not"),
  w("que|qui|die|welche", "who"),
  w("con|com|avec|mit", "with"),
  w("del|dos|das|des|du|de la|de|da|do|d'|von|vom", "of"),
  w("en|em|na|no|nas|nos|au|aux|dans|a la|bei|im", "in"),
  w("y|e|et|und", "and"),
];

/** Which languages a description is written in matters only for the linking words ("de", "en", "a"). */
const MARKERS =
  /(?<![\p{L}])(?:empresas|empleados|funcionarios|necesitan|precisam|que|con|com|mit|und|von|bei|die|avec|qui|dans|des|salaries|entreprises|pour|para|los|las|der|das|ein|eine|au|du|de|et|en|el|um|uma|une|sur|ont|besoin|fur|y)(?![\p{L}])/giu;

/** Words that alone say the description is not English (titles, company words, German compounds). */
const STRONG =
  /[¿¡]|(?<![\p{L}])(?:pdg|geschaftsfuhrer\p{L}*|mitarbeiter\p{L}*|salaries|empresas|entreprises|unternehmen|firmen|gerentes|directores|diretores|directeurs|dirigeants|fundadores|fondateurs|grunder|duenos|donos|inhaber|jefes|chefes|responsables|responsaveis|leiter|pme|pymes)(?![\p{L}])|\p{L}{3,}(?:unternehmen|leiter|firmen|branche)(?![\p{L}])/iu;

export function toEnglish(text: string): string {
  const markers = text.match(MARKERS)?.length ?? 0;
  if (markers < 2 && !STRONG.test(text)) return text;
  let out = text.replace(/(\d)\s+(?:a|à|bis|et)\s+(\d)/gu, "$1 to $2").replace(/\buber\s+(?=\d)/giu, "over ");
  // French "à Mexico" is the city; Spanish "en México" is the country.
  out = out.replace(/(?<![\p{L}])a mexico(?![\p{L}])/giu, "in mexico city");
  out = out.replace(/\buber\b/giu, "via").replace(/(?<![\p{L}])a (?=\p{Lu})/gu, "in ");
  for (const [pattern, english] of RULES) out = out.replace(pattern, english as string);
  out = out.replace(/(?<![\p{L}])([dl])'(?=\p{L})/giu, (_m, c: string) => (c.toLowerCase() === "d" ? "of " : ""));
  return out.replace(/\s+/g, " ").trim();
}
