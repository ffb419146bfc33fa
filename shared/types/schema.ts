/** Metadata about a data source's schema. Metadata only: never raw rows (distinct values of
 *  low-cardinality text columns are kept as a capped value index for question linking). */

export const DIALECTS = ['postgres', 'mysql', 'sqlite', 'duckdb'] as const;
export type Dialect = (typeof DIALECTS)[number];

export type ColumnKind = 'number' | 'text' | 'date' | 'datetime' | 'boolean' | 'other';

export interface ColumnInfo {
  name: string;
  /** The database's own type name, e.g. `INTEGER`, `numeric(12,2)`, `VARCHAR`. */
  type: string;
  kind: ColumnKind;
  nullable: boolean;
  isPrimaryKey: boolean;
  /** Distinct values for low-cardinality text columns (capped), used for value linking. */
  distinctValues?: string[];
  /** Estimated or exact count of distinct values, when known. */
  distinctCount?: number;
}

export interface TableInfo {
  name: string;
  /** Database schema (PostgreSQL `public`, MySQL database name); omitted where meaningless. */
  schema?: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  rowCountEstimate: number | null;
}

export interface ForeignKey {
  fromTable: string;
  fromColumns: string[];
  toTable: string;
  toColumns: string[];
  /** true when inferred from naming (`customer_id` → `customers`), false when declared. */
  inferred: boolean;
}

export interface SchemaInfo {
  dialect: Dialect;
  tables: TableInfo[];
  foreignKeys: ForeignKey[];
  /** Stable hash of the structure; changes whenever tables/columns/keys change. */
  version: string;
}
