import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';
import type { ColumnKind } from '../../../../shared/types/schema';
import { kindFromTypeName } from '../schema/kinds';

const NESTED_TYPES = new Set<DuckDBTypeId>([DuckDBTypeId.LIST, DuckDBTypeId.STRUCT, DuckDBTypeId.MAP, DuckDBTypeId.ARRAY, DuckDBTypeId.UNION]);

/** A DuckDB column type as an app kind; nested types (lists, structs) travel as JSON text. */
export function duckdbKind(type: DuckDBType): ColumnKind {
  return NESTED_TYPES.has(type.typeId) ? 'other' : kindFromTypeName(type.toString());
}
