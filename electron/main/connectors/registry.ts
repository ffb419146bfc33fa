import type { Dialect } from '../../../shared/types/schema';
import { validateSourceConfig } from './config';
import { FilesConnector } from './duckdb/connector';
import { MysqlConnector } from './mysql/connector';
import { PostgresConnector } from './postgres/connector';
import { RestConnector } from './rest/connector';
import { SqliteConnector } from './sqlite/connector';
import { ConnectorError, type Connector, type ConnectorType, type SourceConfig } from './types';
import { outboundPolicyFrom, type OutboundPolicy } from '../security/outboundAddresses';

/** What the server decides for every connector of a kind (not part of a source's settings). */
export interface ConnectorOptions {
  /** Internal addresses REST sources may reach; default from AISER_OUTBOUND_ALLOW. */
  outbound?: OutboundPolicy;
}

type ConfigOf<T extends ConnectorType> = Extract<SourceConfig, { type: T }>;

export interface ConnectorCapabilities {
  /** Needs host/credentials (vs a local file or a URL). */
  server: boolean;
  /** The session itself can refuse writes (not only the SQL guard). */
  readOnlySession: boolean;
  /** Results stream in pages without being materialised first. */
  streaming: boolean;
  /** A running query can be interrupted on the server/engine. */
  cancel: boolean;
}

interface ConnectorDefinition<T extends ConnectorType> {
  label: string;
  dialect: Dialect;
  capabilities: ConnectorCapabilities;
  create(config: ConfigOf<T>, options: ConnectorOptions): Connector;
}

/** Every source type the app can connect to. Ids form the `ConnectorId` union. */
export const CONNECTORS = {
  postgres: {
    label: 'PostgreSQL',
    dialect: 'postgres',
    capabilities: { server: true, readOnlySession: true, streaming: true, cancel: true },
    create: (config) => new PostgresConnector(config),
  },
  mysql: {
    label: 'MySQL / MariaDB',
    dialect: 'mysql',
    capabilities: { server: true, readOnlySession: true, streaming: true, cancel: true },
    create: (config) => new MysqlConnector(config),
  },
  sqlite: {
    label: 'SQLite file',
    dialect: 'sqlite',
    capabilities: { server: false, readOnlySession: true, streaming: true, cancel: true },
    create: (config) => new SqliteConnector(config),
  },
  files: {
    label: 'Files (CSV, TSV, Parquet, JSON, Excel)',
    dialect: 'duckdb',
    capabilities: { server: false, readOnlySession: true, streaming: true, cancel: true },
    create: (config) => new FilesConnector(config),
  },
  rest: {
    label: 'REST JSON API',
    dialect: 'duckdb',
    capabilities: { server: true, readOnlySession: true, streaming: false, cancel: true },
    create: (config, options) => new RestConnector(config, options.outbound ?? outboundPolicyFrom(process.env.AISER_OUTBOUND_ALLOW)),
  },
} as const satisfies { [K in ConnectorType]: ConnectorDefinition<K> };

export type ConnectorId = keyof typeof CONNECTORS;
export const CONNECTOR_IDS = Object.keys(CONNECTORS) as ConnectorId[];

export function isConnectorId(type: string): type is ConnectorId {
  return Object.hasOwn(CONNECTORS, type);
}

/** Validates the configuration and builds the connector for its type. */
export function createConnector(config: SourceConfig, options: ConnectorOptions = {}): Connector {
  const type = (config as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !isConnectorId(type)) {
    throw new ConnectorError(
      'UNKNOWN_SOURCE_TYPE',
      `Unknown source type "${String(type)}". Known types: ${CONNECTOR_IDS.join(', ')}.`,
      'Pick one of the supported source types.',
    );
  }
  const definition = CONNECTORS[type] as ConnectorDefinition<typeof type>;
  return definition.create(validateSourceConfig(config) as ConfigOf<typeof type>, options);
}
