import { glossarySchema, type Glossary } from '../../../shared/types/semantic';
import type { DataSource } from '../store/types';

/** The business glossary stored with a source, or undefined when it has none (or the stored one
 *  no longer validates: it is then ignored rather than failing every question). */
export function glossaryOf(source: Pick<DataSource, 'semanticModel'>): Glossary | undefined {
  const stored = source.semanticModel;
  if (!stored) return undefined;
  if (typeof stored !== 'object') return parseGlossary(stored);
  if (!parsedGlossaries.has(stored)) parsedGlossaries.set(stored, parseGlossary(stored));
  return parsedGlossaries.get(stored);
}

/** Parsed once per stored object (a source record read once serves a whole answer, or many when
 *  records are kept); both are read-only. */
const parsedGlossaries = new WeakMap<object, Glossary | undefined>();

function parseGlossary(stored: unknown): Glossary | undefined {
  const parsed = glossarySchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}
