import type { DataSource } from '../store/types';

/** Names (lower-case) of the glossary's PII columns (`table.column` → `column`), so result
 *  columns carrying them are masked; values shaped like personal data are caught by masking. */
export function piiColumnsOf(source: Pick<DataSource, 'semanticModel'>): Set<string> {
  const glossaryPii = (source.semanticModel as { pii?: unknown } | null)?.pii;
  const names = new Set<string>();
  for (const entry of Array.isArray(glossaryPii) ? glossaryPii : []) {
    const qualified = String(entry).toLowerCase();
    names.add(qualified.slice(qualified.lastIndexOf('.') + 1));
  }
  return names;
}
