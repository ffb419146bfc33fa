import { buildOpenApiDocument, type OpenApiDocument } from '../../../shared/api/openapi';
import { APP_VERSION } from './handlers/system';

let cached: OpenApiDocument | undefined;

/** Built once per process: the contract does not change while the server runs. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(APP_VERSION);
  return cached;
}
