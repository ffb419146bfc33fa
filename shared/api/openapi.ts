import { z } from 'zod';
import { API_VERSION, contract, type CallKey } from './contract';
import type { EndpointDef } from './endpoint';

/** OpenAPI 3.1 description of the API, generated from the contract's zod schemas, so the reference
 *  cannot drift from what the server validates. Every call is `POST /api/v1/<domain>/<action>`. */

type JsonSchema = Record<string, unknown>;

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. BAD_REQUEST, FORBIDDEN.' },
        message: { type: 'string', description: 'What went wrong, in plain words.' },
        hint: { type: 'string', description: 'What to do next.' },
        field: { type: 'string', description: 'The request field that failed validation.' },
      },
    },
  },
};

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const schema = z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete schema.$schema;
  return schema;
}

/** One call's request, response and stream-event schemas (for the app's API reference page, which
 *  renders them one call at a time instead of building the whole document). */
export function callSchemas(key: CallKey): { request: JsonSchema; response: JsonSchema; event: JsonSchema | null } {
  const def = contract[key] as EndpointDef;
  return { request: schemaOf(def.request, 'input'), response: schemaOf(def.response, 'output'), event: def.event ? schemaOf(def.event, 'output') : null };
}

function accessText(def: EndpointDef): string {
  if (def.access === 'public') return 'No sign-in needed.';
  if (def.access === 'authenticated') return 'Any signed-in person.';
  return `Needs the \`${def.access}\` permission.`;
}

function operation(key: CallKey, def: EndpointDef): JsonSchema {
  const [domain] = key.split('/');
  const success: JsonSchema = {
    type: 'object',
    required: ['ok', 'data'],
    properties: { ok: { const: true }, data: schemaOf(def.response, 'output') },
  };
  const content: JsonSchema = { 'application/json': { schema: success } };
  if (def.event) {
    content['text/event-stream'] = {
      description: 'With `Accept: text/event-stream`: `event` messages carry progress, then one `result` message carries the envelope.',
      schema: schemaOf(def.event, 'output'),
    };
  }
  return {
    operationId: key.replace('/', '_'),
    tags: [domain],
    summary: def.summary,
    description: accessText(def),
    'x-aiser-access': def.access,
    ...(def.access === 'public' ? { security: [] } : {}),
    requestBody: { required: true, content: { 'application/json': { schema: schemaOf(def.request, 'input') } } },
    responses: {
      200: { description: 'The call succeeded.', content },
      400: { description: 'The request failed validation; `error.field` names the field.', content: { 'application/json': { schema: ERROR_SCHEMA } } },
      401: { description: 'Not signed in, or the session ended.', content: { 'application/json': { schema: ERROR_SCHEMA } } },
      403: { description: 'Signed in without the needed permission, or a tenant control refused the call.', content: { 'application/json': { schema: ERROR_SCHEMA } } },
      429: { description: 'A rate or usage limit was reached; `Retry-After` says when to try again.', content: { 'application/json': { schema: ERROR_SCHEMA } } },
    },
  };
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, { post: JsonSchema }>;
  [key: string]: unknown;
}

export function buildOpenApiDocument(appVersion: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const key of Object.keys(contract).sort() as CallKey[]) {
    paths[`/api/${API_VERSION}/${key}`] = { post: operation(key, contract[key] as EndpointDef) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Aiser Desktop API',
      version: appVersion,
      description:
        'Every call is a POST of a JSON body. Sign in with `auth/signIn`; the server sets the `aiser_session` cookie ' +
        '(browsers) and returns a token usable as `Authorization: Bearer <token>` (scripts). Responses are envelopes: ' +
        '`{ ok: true, data }` or `{ ok: false, error: { code, message, hint?, field? } }`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'aiser_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
