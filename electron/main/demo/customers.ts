/** Generates the customer base: unique company names, contacts, segments, regions, signups. */
import {
  COMPANY_LEGAL_SUFFIXES, COMPANY_NAME_STEMS, COMPANY_NAME_TRADES, CONTACT_FIRST_NAMES, CONTACT_LAST_NAMES,
  REGIONS, SEGMENTS, type RegionProfile, type SegmentProfile,
} from './catalogs';
import type { DemoPeriod } from './calendar';
import type { SeededRandom } from './prng';

export interface DemoCustomer {
  id: number;
  name: string;
  segment: SegmentProfile;
  region: RegionProfile;
  signupDay: number;
  email: string;
}

const CUSTOMER_COUNT = 2400;
/** Share of customers that already existed before the first day of data. */
const EXISTING_CUSTOMER_SHARE = 0.3;
const EXISTING_CUSTOMER_MAX_AGE_DAYS = 730;

export function generateCustomers(random: SeededRandom, period: DemoPeriod): DemoCustomer[] {
  const usedSlugs = new Set<string>();
  const drafts: Omit<DemoCustomer, 'id'>[] = [];
  // Every region × segment pair gets one long-standing customer so orders can be placed from day one.
  for (const region of REGIONS) {
    for (const segment of SEGMENTS) {
      drafts.push(draftCustomer(random, usedSlugs, region, segment, existingSignupDay(random, period)));
    }
  }
  const periodYears = (period.lastDay - period.firstDay) / 365;
  while (drafts.length < CUSTOMER_COUNT) {
    const existing = random.chance(EXISTING_CUSTOMER_SHARE);
    const signupDay = existing ? existingSignupDay(random, period) : random.int(period.firstDay, period.lastDay);
    const yearsIn = existing ? 0 : (signupDay - period.firstDay) / 365;
    // Faster-growing regions win a growing share of new customers over time.
    const region = random.weighted(REGIONS, (r) => r.weight * (1 + r.yearlyGrowth) ** Math.min(yearsIn, periodYears));
    const segment = random.weighted(SEGMENTS, (s) => s.customerShare);
    drafts.push(draftCustomer(random, usedSlugs, region, segment, signupDay));
  }
  // Ids follow signup order, as they would in a real CRM.
  drafts.sort((a, b) => a.signupDay - b.signupDay);
  return drafts.map((draft, index) => ({ id: index + 1, ...draft }));
}

function existingSignupDay(random: SeededRandom, period: DemoPeriod): number {
  return period.firstDay - random.int(1, EXISTING_CUSTOMER_MAX_AGE_DAYS);
}

function draftCustomer(
  random: SeededRandom, usedSlugs: Set<string>, region: RegionProfile, segment: SegmentProfile, signupDay: number,
): Omit<DemoCustomer, 'id'> {
  let baseName: string;
  let slug: string;
  do {
    baseName = companyBaseName(random);
    slug = asciiSlug(baseName);
  } while (usedSlugs.has(slug));
  usedSlugs.add(slug);
  const suffix = random.pick(COMPANY_LEGAL_SUFFIXES);
  const name = suffix === '' ? baseName : suffix.startsWith(',') || suffix.startsWith(' ') ? `${baseName}${suffix}` : `${baseName} ${suffix}`;
  const first = random.pick(CONTACT_FIRST_NAMES);
  const last = random.pick(CONTACT_LAST_NAMES);
  const email = `${asciiSlug(first)}.${asciiSlug(last)}@${slug}.${random.pick(region.emailDomainSuffixes)}`;
  return { name, segment, region, signupDay, email };
}

function companyBaseName(random: SeededRandom): string {
  const stem = random.pick(COMPANY_NAME_STEMS);
  const trade = random.pick(COMPANY_NAME_TRADES);
  if (random.chance(0.35)) {
    const partner = random.pick(COMPANY_NAME_STEMS);
    if (partner !== stem) return `${stem} & ${partner} ${trade}`;
  }
  return `${stem} ${trade}`;
}

/** Lower-case ASCII letters and digits only ("Müller & Co" → "mullerco"), for e-mail parts. */
function asciiSlug(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}
