import type { Seniority } from "../../lead-engine/icp.schema";
import type { Signal } from "../../lead-engine/candidate";

export interface SampleCompany {
  id: string;
  name: string;
  domain: string;
  industry: string;
  size: number;
  revenue: number;
  city: string;
  region: string;
  country: string;
  timezone: string;
  signals: Signal[];
  linkedin: string;
  instagram?: string;
  facebook?: string;
}

export interface SampleContact {
  id: string;
  companyId: string;
  firstName: string;
  lastName: string;
  title: string;
  seniority: Seniority;
  email: string;
  phone?: string;
  linkedin?: string;
  whatsapp?: string;
  instagram?: string;
  facebook?: string;
  x?: string;
}

export interface SampleData {
  version: number;
  seed: number;
  generatedBy: string;
  companies: SampleCompany[];
  contacts: SampleContact[];
}
