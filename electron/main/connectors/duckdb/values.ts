import type { DuckDBType, DuckDBTypeId } from '@duckdb/node-api';
import { duckdbApi } from './driver';
import type { ColumnKind } from '../../../../shared/types/schema';
import { kindFromTypeName } from '../schema/kinds';

let nestedTypes: Set<DuckDBTypeId> | null = null;

function isNested(typeId: DuckDBTypeId): boolean {
  const { DuckDBTypeId: ids } = duckdbApi();
  nestedTypes ??= new Set<DuckDBTypeId>([ids.LIST, ids.STRUCT, ids.MAP, ids.ARRAY, ids.UNION]);
  return nestedTypes.has(typeId);
}

/** A DuckDB column type as an app kind; nested types (lists, structs) travel as JSON text. */
export function duckdbKind(type: DuckDBType): ColumnKind {
  return isNested(type.typeId) ? 'other' : kindFromTypeName(type.toString());
}
