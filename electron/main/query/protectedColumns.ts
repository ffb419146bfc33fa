import type { SchemaInfo } from '../../../shared/types/schema';
import { piiStylesFromSamples, styleForColumnName, type ColumnMaskSetting, type MaskStyle } from '../security/masking';
import type { SourceColumn } from '../sql/guard';
import type { DataSource } from '../store/types';

export interface ProtectedColumns {
  /** Lower-case table name → every column in order, protected ones with their mask (masked at the source). */
  tables: Map<string, SourceColumn[]>;
  /** Lower-case column name → style, for the result-level second layer. */
  resultStyles: Map<string, ColumnMaskSetting>;
}

/**
 * Which columns of which tables hold personal data, from (strongest first) the organization's
 * masking policy (`table.column` or `column`; 'none' turns off name-based detection), the
 * glossary's PII list, the column's name (e-mail, phone, birth date…) and its sampled values.
 */
export function protectedColumns(
  source: Pick<DataSource, 'semanticModel'>,
  schema: Pick<SchemaInfo, 'tables'> | null,
  policyStyles: ReadonlyMap<string, ColumnMaskSetting>,
): ProtectedColumns {
  const glossary = glossaryPii(source);
  const tables = new Map<string, SourceColumn[]>();
  const resultStyles = new Map<string, ColumnMaskSetting>();
  for (const table of schema?.tables ?? []) {
    const tableKey = table.name.toLowerCase();
    const sampled = piiStylesFromSamples([table]);
    const columns = table.columns.map(({ name }): SourceColumn => {
      const column = name.toLowerCase();
      const configured = policyStyles.get(`${tableKey}.${column}`) ?? policyStyles.get(column);
      const named = configured === 'none' ? null : styleForColumnName(name);
      const listed = glossary.has(`${tableKey}.${column}`) || glossary.has(column) ? named ?? 'partial' : null;
      const mask: MaskStyle | null = configured && configured !== 'none' ? configured : listed ?? named ?? sampled.get(column) ?? null;
      if (mask || configured === 'none') resultStyles.set(column, mask ?? 'none');
      return { name, mask };
    });
    if (columns.some((c) => c.mask)) tables.set(tableKey, columns);
  }
  for (const [key, style] of policyStyles) if (!key.includes('.')) resultStyles.set(key, style);
  return { tables, resultStyles };
}

function glossaryPii(source: Pick<DataSource, 'semanticModel'>): Set<string> {
  const listed = (source.semanticModel as { pii?: unknown } | null)?.pii;
  return new Set((Array.isArray(listed) ? listed : []).map((entry) => String(entry).toLowerCase()));
}
