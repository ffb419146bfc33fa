/** Every held-out plain-schema question set (no glossary): the database it runs on and its questions.
 *  Shared by holdout.test.ts and `npm run bench:nl2sql`. */
import { createAviationDatabase } from './aviation';
import type { FixtureDatabase } from './fixtureKit';
import { createFinanceDatabase } from './finance';
import { createHealthcareDatabase } from './healthcare';
import { createHotelDatabase } from './hotel';
import { createLibraryDatabase } from './library';
import { createSportsDatabase } from './sports';
import { createUniversityDatabase } from './university';

export interface HoldoutSet {
  name: string;
  create: () => FixtureDatabase;
  questions: string;
}

export const PLAIN_HOLDOUT_SETS: readonly HoldoutSet[] = [
  { name: 'aviation', create: createAviationDatabase, questions: 'aviation.questions.plain.jsonl' },
  { name: 'healthcare', create: createHealthcareDatabase, questions: 'healthcare.questions.plain.jsonl' },
  { name: 'finance', create: createFinanceDatabase, questions: 'finance.questions.plain.jsonl' },
  { name: 'sports', create: createSportsDatabase, questions: 'sports.questions.plain.jsonl' },
  { name: 'library', create: createLibraryDatabase, questions: 'library.questions.plain.jsonl' },
  { name: 'university', create: () => createUniversityDatabase(false), questions: 'university.questions.plain.jsonl' },
  { name: 'hotel', create: () => createHotelDatabase(false), questions: 'hotel.questions.plain.jsonl' },
] as const;
