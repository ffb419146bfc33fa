import { API_VERSION, contract, type CallKey } from './contract';
import type { EndpointDef } from './endpoint';

export interface ApiReferenceEntry {
  key: CallKey;
  domain: string;
  path: string;
  summary: string;
  access: string;
  streams: boolean;
}

/** The calls of the contract grouped by domain, in a stable order (for the docs page and the app's API page). */
export function apiReferenceEntries(): ApiReferenceEntry[] {
  return (Object.keys(contract) as CallKey[]).sort().map((key) => {
    const def = contract[key] as EndpointDef;
    return { key, domain: key.split('/')[0]!, path: `/api/${API_VERSION}/${key}`, summary: def.summary, access: def.access, streams: Boolean(def.event) };
  });
}

function accessLabel(access: string): string {
  if (access === 'public') return 'public';
  if (access === 'authenticated') return 'signed in';
  return `\`${access}\``;
}

export function apiReferenceMarkdown(): string {
  const lines = [
    '# API reference',
    '',
    `Generated from \`shared/api/contract.ts\` by \`npm run gen:api-docs\`; the machine-readable form (OpenAPI 3.1) is served by a running server at \`/api/${API_VERSION}/openapi.json\`.`,
    '',
    'Every call is `POST` with a JSON body. Sign in with `auth/signIn`; browsers keep the `aiser_session` cookie, scripts send `Authorization: Bearer <token>`.',
    'Replies are `{ "ok": true, "data": … }` or `{ "ok": false, "error": { "code", "message", "hint"?, "field"? } }`.',
    'Calls marked *streams* send progress as server-sent events when the request has `Accept: text/event-stream`.',
    '',
  ];
  let domain = '';
  for (const entry of apiReferenceEntries()) {
    if (entry.domain !== domain) {
      if (domain) lines.push('');
      domain = entry.domain;
      lines.push(`## ${entry.domain}`, '', '| call | access | what it does |', '|---|---|---|');
    }
    lines.push(`| \`${entry.key}\`${entry.streams ? ' (streams)' : ''} | ${accessLabel(entry.access)} | ${entry.summary.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}
