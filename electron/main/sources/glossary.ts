import { glossarySchema, type Glossary } from '../../../shared/types/semantic';
import type { DataSource } from '../store/types';

/** The business glossary stored with a source, or undefined when it has none (or the stored one
 *  no longer validates: it is then ignored rather than failing every question). */
export function glossaryOf(source: Pick<DataSource, 'semanticModel'>): Glossary | undefined {
  if (!source.semanticModel) return undefined;
  const parsed = glossarySchema.safeParse(source.semanticModel);
  return parsed.success ? parsed.data : undefined;
}
