/** The lexical (BM25) index of one schema version plus its glossary: tables, columns and
 *  glossary entries, each described by the words people use for them. */
import type { Glossary } from '../../../../shared/types/semantic';
import type { SchemaInfo, TableInfo } from '../../../../shared/types/schema';
import { Bm25Index, type WeightedText } from './bm25';
import { humanise, terms } from './text';
import { metricTables } from './glossaryRefs';

/** A ranked item: `id` is a table name, `table.column`, or a glossary entry id. */
export interface Scored {
  id: string;
  score: number;
}

/** Value lists longer than this are not "low cardinality": they are not indexed. */
const MAX_INDEXED_DISTINCT_VALUES = 60;

/** Glossary entry ids: `metric:<name>` or `synonym:<table or table.column>`. */
export const metricEntryId = (name: string): string => `metric:${name}`;
export const synonymEntryId = (key: string): string => `synonym:${key}`;

export class SchemaLexicalIndex {
  readonly tableNames: ReadonlySet<string>;
  private readonly tables = new Bm25Index();
  private readonly columns = new Bm25Index();
  private readonly glossaryEntries = new Bm25Index();

  constructor(readonly schema: SchemaInfo, readonly glossary?: Glossary) {
    this.tableNames = new Set(schema.tables.map((t) => t.name));
    const synonyms = glossary?.synonyms ?? {};
    const metricWordsByTable = this.metricWordsByTable();
    const fkColumns = new Set(schema.foreignKeys.flatMap((fk) => fk.fromColumns.map((c) => `${fk.fromTable}.${c}`)));

    for (const table of schema.tables) {
      const fields: WeightedText[] = [
        { terms: terms(table.name), weight: 3 },
        { terms: terms((synonyms[table.name] ?? []).join(' ')), weight: 3 },
        { terms: metricWordsByTable.get(table.name) ?? [], weight: 1.5 },
      ];
      for (const column of table.columns) {
        const key = `${table.name}.${column.name}`;
        // A key column's words name the table it points to, not this one.
        const isKey = fkColumns.has(key) || (column.isPrimaryKey && table.primaryKey.length === 1);
        const columnTerms = terms(column.name);
        const synonymTerms = terms((synonyms[key] ?? []).join(' '));
        const valueTerms = terms(lowCardinalityValues(column).join(' '));
        fields.push({ terms: columnTerms, weight: isKey ? 0.3 : 1 });
        fields.push({ terms: synonymTerms, weight: 1.5 });
        fields.push({ terms: valueTerms, weight: 1 });
        this.columns.add(key, [
          { terms: columnTerms, weight: isKey ? 0.5 : 3 },
          { terms: synonymTerms, weight: 3 },
          { terms: terms(table.name), weight: 0.5 },
          { terms: valueTerms, weight: 2 },
        ], table.name);
      }
      this.tables.add(table.name, fields);
    }

    for (const metric of glossary?.metrics ?? []) {
      this.glossaryEntries.add(metricEntryId(metric.name), [
        { terms: terms([metric.name, ...metric.synonyms].join(' ')), weight: 3 },
        { terms: terms(metric.description ?? ''), weight: 1 },
      ]);
    }
    for (const [key, words] of Object.entries(synonyms)) {
      this.glossaryEntries.add(synonymEntryId(key), [
        { terms: terms(words.join(' ')), weight: 3 },
        { terms: terms(key), weight: 1 },
      ]);
    }
  }

  rankTables(questionTerms: readonly string[], limit?: number): Scored[] {
    return this.tables.search(questionTerms, { limit });
  }

  /** Columns (`table.column`) matching the question, optionally only those of some tables. */
  rankColumns(questionTerms: readonly string[], options: { limit?: number; tables?: ReadonlySet<string> } = {}): Scored[] {
    return this.columns.search(questionTerms, { limit: options.limit, groups: options.tables });
  }

  rankGlossary(questionTerms: readonly string[], limit?: number): Scored[] {
    return this.glossaryEntries.search(questionTerms, { limit });
  }

  table(name: string): TableInfo | undefined {
    return this.schema.tables.find((t) => t.name === name);
  }

  /** Metric names, synonyms and descriptions, attached to every table the metric reads. */
  private metricWordsByTable(): Map<string, string[]> {
    const byTable = new Map<string, string[]>();
    for (const metric of this.glossary?.metrics ?? []) {
      const words = terms([metric.name, ...metric.synonyms, metric.description ?? ''].join(' '));
      for (const table of metricTables(metric, this.tableNames)) {
        byTable.set(table, [...(byTable.get(table) ?? []), ...words]);
      }
    }
    return byTable;
  }
}

function lowCardinalityValues(column: TableInfo['columns'][number]): string[] {
  const values = column.distinctValues ?? [];
  if (values.length === 0 || values.length > MAX_INDEXED_DISTINCT_VALUES) return [];
  if ((column.distinctCount ?? values.length) > MAX_INDEXED_DISTINCT_VALUES) return [];
  return values;
}

/** The text an embedding model reads for a table: its human name and its columns' names. */
export function tableEmbeddingText(table: TableInfo, glossary?: Glossary): string {
  const synonyms = glossary?.synonyms[table.name] ?? [];
  const columns = table.columns.map((c) => humanise(c.name)).join(', ');
  return `${humanise(table.name)}${synonyms.length ? ` (${synonyms.join(', ')})` : ''}: ${columns}`;
}
