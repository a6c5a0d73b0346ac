// Word lists for the sample-data generator: countries, industries, names and job titles.
import type { Seniority } from "../../workers/lead-engine/icp.schema";

export const COUNTRY_PROFILES = [
  { code: "US", weight: 22, cities: 12, legalSuffix: "Inc.", names: "anglo", whatsapp: 0.15 },
  { code: "GB", weight: 9, cities: 6, legalSuffix: "Ltd", names: "anglo", whatsapp: 0.45 },
  { code: "DE", weight: 9, cities: 7, legalSuffix: "GmbH", names: "german", whatsapp: 0.6 },
  { code: "FR", weight: 4, cities: 5, legalSuffix: "SAS", names: "french", whatsapp: 0.5 },
  { code: "NL", weight: 3, cities: 4, legalSuffix: "B.V.", names: "dutch", whatsapp: 0.7 },
  { code: "ES", weight: 4, cities: 5, legalSuffix: "S.L.", names: "spanish", whatsapp: 0.85 },
  { code: "IT", weight: 3, cities: 5, legalSuffix: "S.r.l.", names: "italian", whatsapp: 0.85 },
  { code: "CA", weight: 4, cities: 5, legalSuffix: "Inc.", names: "anglo", whatsapp: 0.2 },
  { code: "AU", weight: 4, cities: 5, legalSuffix: "Pty Ltd", names: "anglo", whatsapp: 0.3 },
  { code: "BR", weight: 4, cities: 6, legalSuffix: "Ltda", names: "portuguese", whatsapp: 0.95 },
  { code: "MX", weight: 3, cities: 5, legalSuffix: "S.A. de C.V.", names: "spanish", whatsapp: 0.95 },
  { code: "IN", weight: 4, cities: 6, legalSuffix: "Pvt Ltd", names: "indian", whatsapp: 0.9 },
  { code: "AE", weight: 3, cities: 2, legalSuffix: "LLC", names: "arabic", whatsapp: 0.9 },
  { code: "SG", weight: 2, cities: 1, legalSuffix: "Pte Ltd", names: "singapore", whatsapp: 0.8 },
  { code: "CH", weight: 2, cities: 4, legalSuffix: "AG", names: "german", whatsapp: 0.6 },
  { code: "AT", weight: 2, cities: 3, legalSuffix: "GmbH", names: "german", whatsapp: 0.6 },
  { code: "SE", weight: 2, cities: 3, legalSuffix: "AB", names: "nordic", whatsapp: 0.4 },
  { code: "DK", weight: 1, cities: 2, legalSuffix: "ApS", names: "nordic", whatsapp: 0.4 },
  { code: "NO", weight: 1, cities: 2, legalSuffix: "AS", names: "nordic", whatsapp: 0.4 },
  { code: "FI", weight: 1, cities: 2, legalSuffix: "Oy", names: "nordic", whatsapp: 0.4 },
  { code: "IE", weight: 2, cities: 2, legalSuffix: "Ltd", names: "anglo", whatsapp: 0.5 },
  { code: "BE", weight: 1, cities: 3, legalSuffix: "BV", names: "dutch", whatsapp: 0.6 },
  { code: "PL", weight: 2, cities: 4, legalSuffix: "Sp. z o.o.", names: "polish", whatsapp: 0.4 },
  { code: "PT", weight: 2, cities: 2, legalSuffix: "Lda", names: "portuguese", whatsapp: 0.85 },
  { code: "ZA", weight: 2, cities: 4, legalSuffix: "(Pty) Ltd", names: "african", whatsapp: 0.9 },
  { code: "NG", weight: 1, cities: 3, legalSuffix: "Ltd", names: "african", whatsapp: 0.95 },
  { code: "KE", weight: 1, cities: 2, legalSuffix: "Ltd", names: "african", whatsapp: 0.95 },
  { code: "JP", weight: 1, cities: 3, legalSuffix: "K.K.", names: "japanese", whatsapp: 0.05 },
] as const;

export const NAME_CULTURES: Record<string, { first: string[]; last: string[] }> = {
  anglo: {
    first: ["James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella", "Lucas", "Mia", "Logan", "Charlotte", "Jack", "Amelia", "Henry", "Harper", "Owen", "Grace", "Daniel", "Chloe", "Ryan", "Zoe"],
    last: ["Smith", "Johnson", "Williams", "Brown", "Taylor", "Anderson", "Thomas", "Walker", "Harris", "Clark", "Lewis", "Young", "Hall", "Allen", "Wright", "King", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Campbell"],
  },
  german: {
    first: ["Lukas", "Anna", "Felix", "Lea", "Jonas", "Hannah", "Maximilian", "Sophie", "Leon", "Marie", "Paul", "Laura", "Tobias", "Julia", "Florian", "Katharina", "Niklas", "Lena", "Moritz", "Johanna"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann"],
  },
  french: {
    first: ["Louis", "Camille", "Hugo", "Léa", "Arthur", "Chloé", "Jules", "Manon", "Raphaël", "Inès", "Gabriel", "Sarah", "Mathis", "Élise", "Théo", "Clara"],
    last: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Fournier"],
  },
  dutch: {
    first: ["Daan", "Emma", "Sem", "Julia", "Lucas", "Sophie", "Milan", "Tess", "Thijs", "Anouk", "Bram", "Fleur", "Jesse", "Lotte", "Ruben", "Sanne"],
    last: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Peeters", "Maes", "Willems", "Claes"],
  },
  spanish: {
    first: ["Alejandro", "Lucía", "Pablo", "María", "Daniel", "Paula", "Javier", "Carmen", "Diego", "Sofía", "Sergio", "Valentina", "Carlos", "Elena", "Mateo", "Ximena"],
    last: ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Torres"],
  },
  italian: {
    first: ["Lorenzo", "Giulia", "Matteo", "Chiara", "Alessandro", "Francesca", "Davide", "Sara", "Andrea", "Martina", "Marco", "Elisa", "Federico", "Alessia", "Riccardo", "Valentina"],
    last: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Costa", "Giordano"],
  },
  portuguese: {
    first: ["João", "Ana", "Pedro", "Beatriz", "Gabriel", "Mariana", "Lucas", "Larissa", "Rafael", "Camila", "Tiago", "Inês", "Thiago", "Juliana", "Bruno", "Fernanda"],
    last: ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Ferreira", "Almeida", "Carvalho", "Gomes", "Martins", "Rocha", "Ribeiro", "Alves", "Lima", "Barbosa"],
  },
  indian: {
    first: ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Isha", "Arjun", "Kavya", "Rahul", "Neha", "Karan", "Pooja", "Siddharth", "Divya", "Aditya", "Meera"],
    last: ["Sharma", "Patel", "Gupta", "Iyer", "Reddy", "Nair", "Mehta", "Singh", "Kumar", "Rao", "Desai", "Joshi", "Kapoor", "Bhat", "Menon", "Chopra"],
  },
  arabic: {
    first: ["Omar", "Layla", "Khalid", "Noor", "Ahmed", "Fatima", "Yousef", "Mariam", "Hassan", "Sara", "Ali", "Aisha", "Rashid", "Huda", "Faisal", "Reem"],
    last: ["Al Mansouri", "Haddad", "Al Hashimi", "Khalil", "Nasser", "Saleh", "Al Farsi", "Aziz", "Hamdan", "Rahman", "Youssef", "Karim", "Al Zaabi", "Mahmoud", "Qasim", "Darwish"],
  },
  singapore: {
    first: ["Wei Ling", "Jun Jie", "Hui Min", "Kai", "Siti", "Arjun", "Mei", "Darren", "Priya", "Ethan", "Xin Yi", "Farhan", "Rachel", "Marcus", "Nurul", "Bryan"],
    last: ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh", "Teo", "Ibrahim", "Rahman", "Pillai", "Yeo", "Sim"],
  },
  nordic: {
    first: ["Erik", "Astrid", "Lars", "Ingrid", "Mikkel", "Freja", "Oskar", "Maja", "Anders", "Sofie", "Henrik", "Elin", "Johan", "Saga", "Mats", "Aino"],
    last: ["Andersson", "Johansson", "Nielsen", "Hansen", "Larsen", "Karlsson", "Nilsson", "Jensen", "Olsen", "Berg", "Lindqvist", "Virtanen", "Korhonen", "Pedersen", "Dahl", "Holm"],
  },
  polish: {
    first: ["Jakub", "Zuzanna", "Kacper", "Julia", "Szymon", "Maja", "Mateusz", "Zofia", "Michał", "Aleksandra", "Piotr", "Natalia", "Tomasz", "Karolina", "Paweł", "Agnieszka"],
    last: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Piotrowski"],
  },
  african: {
    first: ["Thabo", "Amara", "Kwame", "Zanele", "Chidi", "Wanjiru", "Sipho", "Ngozi", "Tendai", "Nomvula", "Emeka", "Achieng", "Lerato", "Femi", "Kagiso", "Adaeze"],
    last: ["Nkosi", "Okafor", "Mwangi", "Dlamini", "Adeyemi", "Otieno", "Naidoo", "Okonkwo", "Kamau", "Botha", "Mokoena", "Eze", "Wanjiku", "van der Merwe", "Balogun", "Njoroge"],
  },
  japanese: {
    first: ["Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Sakura", "Kenji", "Yuki", "Takumi", "Mio", "Daiki", "Rin", "Kaito", "Emi"],
    last: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura"],
  },
};

export const FIRST_CORES = ["Bright", "Nova", "Blue", "North", "Apex", "Lumen", "Vertex", "Silver", "Clear", "True", "Peak", "Harbor", "Cedar", "Atlas", "Orbit", "Pixel", "Quantum", "Summit", "Kite", "Ember", "Solid", "Swift", "Iron", "Maple", "Willow", "Zen", "Coral", "Delta", "Echo", "Terra", "Luma", "Vivid", "Oak", "Sky", "Stellar", "Prime", "Sage", "Rapid", "Golden", "Fern"];
export const SECOND_CORES = ["wave", "stack", "leaf", "path", "forge", "field", "line", "works", "point", "bridge", "craft", "hub", "grid", "loop", "mint", "nest", "spark", "stone", "flow", "gate", "scale", "shift", "ridge", "bay", "wise", "lane", "sight", "mark", "vale", "core"];

interface IndustryProfile {
  weight: number;
  words: string[];
  revenuePerEmployee: number;
  consumer: boolean;
  venture: boolean;
}

export const INDUSTRY_PROFILES: Record<string, IndustryProfile> = {
  default: { weight: 1, words: ["Group"], revenuePerEmployee: 150_000, consumer: false, venture: false },
  software: { weight: 10, words: ["Software", "Labs", "Cloud", "Systems"], revenuePerEmployee: 220_000, consumer: false, venture: true },
  fintech: { weight: 4, words: ["Pay", "Finance", "Capital"], revenuePerEmployee: 300_000, consumer: false, venture: true },
  banking: { weight: 2, words: ["Bank", "Savings Bank"], revenuePerEmployee: 400_000, consumer: false, venture: false },
  insurance: { weight: 2, words: ["Insurance", "Assurance"], revenuePerEmployee: 450_000, consumer: false, venture: false },
  pharmaceuticals: { weight: 2, words: ["Pharma", "Therapeutics"], revenuePerEmployee: 500_000, consumer: false, venture: false },
  biotech: { weight: 2, words: ["Bio", "Biosciences"], revenuePerEmployee: 250_000, consumer: false, venture: true },
  healthcare: { weight: 5, words: ["Health", "Clinic", "Dental", "Medical"], revenuePerEmployee: 120_000, consumer: true, venture: false },
  ecommerce: { weight: 5, words: ["Store", "Shop", "Goods"], revenuePerEmployee: 350_000, consumer: true, venture: true },
  retail: { weight: 3, words: ["Retail", "Stores", "Market"], revenuePerEmployee: 180_000, consumer: true, venture: false },
  manufacturing: { weight: 5, words: ["Manufacturing", "Industries", "Components"], revenuePerEmployee: 250_000, consumer: false, venture: false },
  logistics: { weight: 3, words: ["Logistics", "Freight", "Transport"], revenuePerEmployee: 200_000, consumer: false, venture: false },
  real_estate: { weight: 4, words: ["Properties", "Realty", "Estates"], revenuePerEmployee: 300_000, consumer: true, venture: false },
  construction: { weight: 3, words: ["Construction", "Builders"], revenuePerEmployee: 220_000, consumer: false, venture: false },
  education: { weight: 3, words: ["Academy", "Learning", "Institute"], revenuePerEmployee: 90_000, consumer: true, venture: false },
  hospitality: { weight: 4, words: ["Hotels", "Kitchen", "Restaurant Group"], revenuePerEmployee: 70_000, consumer: true, venture: false },
  travel: { weight: 2, words: ["Travel", "Tours", "Journeys"], revenuePerEmployee: 150_000, consumer: true, venture: false },
  automotive: { weight: 2, words: ["Motors", "Auto", "Cars"], revenuePerEmployee: 400_000, consumer: true, venture: false },
  energy: { weight: 2, words: ["Energy", "Solar", "Power"], revenuePerEmployee: 600_000, consumer: false, venture: false },
  telecommunications: { weight: 1, words: ["Telecom", "Networks"], revenuePerEmployee: 350_000, consumer: false, venture: false },
  media: { weight: 2, words: ["Media", "Studios", "Publishing"], revenuePerEmployee: 160_000, consumer: true, venture: false },
  marketing_agency: { weight: 4, words: ["Agency", "Creative", "Digital"], revenuePerEmployee: 110_000, consumer: false, venture: false },
  consulting: { weight: 3, words: ["Consulting", "Advisory", "Partners"], revenuePerEmployee: 180_000, consumer: false, venture: false },
  legal: { weight: 2, words: ["Legal", "Law"], revenuePerEmployee: 200_000, consumer: false, venture: false },
  accounting: { weight: 2, words: ["Accounting", "Tax Advisors"], revenuePerEmployee: 130_000, consumer: false, venture: false },
  nonprofit: { weight: 1, words: ["Foundation", "Trust"], revenuePerEmployee: 60_000, consumer: false, venture: false },
  food_beverage: { weight: 3, words: ["Foods", "Coffee", "Brewing"], revenuePerEmployee: 170_000, consumer: true, venture: false },
  fashion: { weight: 3, words: ["Apparel", "Fashion", "Wear"], revenuePerEmployee: 200_000, consumer: true, venture: false },
  gaming: { weight: 1, words: ["Games", "Interactive"], revenuePerEmployee: 250_000, consumer: true, venture: true },
  cybersecurity: { weight: 2, words: ["Security", "Defense"], revenuePerEmployee: 260_000, consumer: false, venture: true },
  artificial_intelligence: { weight: 2, words: ["AI", "Intelligence"], revenuePerEmployee: 200_000, consumer: false, venture: true },
  agriculture: { weight: 1, words: ["Farms", "Agro"], revenuePerEmployee: 150_000, consumer: false, venture: false },
  aerospace: { weight: 1, words: ["Aerospace", "Aviation"], revenuePerEmployee: 350_000, consumer: false, venture: false },
  beauty: { weight: 3, words: ["Beauty", "Cosmetics", "Skin"], revenuePerEmployee: 160_000, consumer: true, venture: false },
  fitness: { weight: 3, words: ["Fitness", "Gym", "Wellness"], revenuePerEmployee: 80_000, consumer: true, venture: false },
  home_services: { weight: 2, words: ["Plumbing", "Home Services", "Roofing"], revenuePerEmployee: 120_000, consumer: true, venture: false },
  staffing: { weight: 1, words: ["Talent", "Staffing"], revenuePerEmployee: 150_000, consumer: false, venture: false },
  digital: { weight: 0, words: ["Digital"], revenuePerEmployee: 150_000, consumer: false, venture: false },
};

type RoleTemplate = { title: string; seniority: Seniority; minSize: number; maxSize: number; weight: number };
const ANY = 10_000_000;

export const ROLE_TEMPLATES: RoleTemplate[] = [
  { title: "Owner", seniority: "owner", minSize: 1, maxSize: 50, weight: 8 },
  { title: "Founder & CEO", seniority: "founder", minSize: 1, maxSize: 500, weight: 8 },
  { title: "Co-Founder", seniority: "founder", minSize: 1, maxSize: 200, weight: 4 },
  { title: "Managing Director", seniority: "c_suite", minSize: 5, maxSize: 2000, weight: 4 },
  { title: "Chief Executive Officer", seniority: "c_suite", minSize: 51, maxSize: ANY, weight: 5 },
  { title: "Chief Technology Officer", seniority: "c_suite", minSize: 20, maxSize: ANY, weight: 3 },
  { title: "Chief Marketing Officer", seniority: "c_suite", minSize: 200, maxSize: ANY, weight: 3 },
  { title: "Chief Financial Officer", seniority: "c_suite", minSize: 100, maxSize: ANY, weight: 2 },
  { title: "Chief Operating Officer", seniority: "c_suite", minSize: 100, maxSize: ANY, weight: 2 },
  { title: "Chief Revenue Officer", seniority: "c_suite", minSize: 100, maxSize: ANY, weight: 1 },
  { title: "VP of Marketing", seniority: "vp", minSize: 200, maxSize: ANY, weight: 4 },
  { title: "VP Sales", seniority: "vp", minSize: 100, maxSize: ANY, weight: 4 },
  { title: "VP of Engineering", seniority: "vp", minSize: 150, maxSize: ANY, weight: 2 },
  { title: "Head of Marketing", seniority: "head", minSize: 20, maxSize: 5000, weight: 7 },
  { title: "Head of Sales", seniority: "head", minSize: 20, maxSize: 5000, weight: 5 },
  { title: "Head of Growth", seniority: "head", minSize: 10, maxSize: 1000, weight: 3 },
  { title: "Head of E-commerce", seniority: "head", minSize: 20, maxSize: ANY, weight: 2 },
  { title: "Head of People", seniority: "head", minSize: 50, maxSize: ANY, weight: 2 },
  { title: "Head of Product", seniority: "head", minSize: 30, maxSize: ANY, weight: 2 },
  { title: "Head of Procurement", seniority: "head", minSize: 500, maxSize: ANY, weight: 1 },
  { title: "Marketing Director", seniority: "director", minSize: 50, maxSize: ANY, weight: 4 },
  { title: "Sales Director", seniority: "director", minSize: 50, maxSize: ANY, weight: 3 },
  { title: "Director of Operations", seniority: "director", minSize: 50, maxSize: ANY, weight: 2 },
  { title: "HR Director", seniority: "director", minSize: 200, maxSize: ANY, weight: 1 },
  { title: "Marketing Manager", seniority: "manager", minSize: 10, maxSize: ANY, weight: 5 },
  { title: "Sales Manager", seniority: "manager", minSize: 10, maxSize: ANY, weight: 3 },
  { title: "IT Manager", seniority: "manager", minSize: 50, maxSize: ANY, weight: 2 },
  { title: "Operations Manager", seniority: "manager", minSize: 10, maxSize: ANY, weight: 2 },
  { title: "Product Manager", seniority: "manager", minSize: 20, maxSize: ANY, weight: 2 },
];
