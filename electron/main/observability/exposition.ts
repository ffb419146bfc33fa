import { metrics, ORG_LABEL } from './metrics';

export type MetricsScope = { kind: 'all' } | { kind: 'organization'; orgId: string };

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const ORG_VALUE = new RegExp(`[{,]${ORG_LABEL}="((?:[^"\\\\]|\\\\.)*)"`);

/** The Prometheus text exposition. A scrape scoped to one organization keeps only series without
 *  an organization label (process, HTTP totals) and that organization's own series. */
export async function renderMetrics(scope: MetricsScope): Promise<string> {
  const text = await metrics.registry.metrics();
  if (scope.kind === 'all') return text;
  return text
    .split('\n')
    .filter((line) => {
      if (line.startsWith('#')) return true;
      const match = ORG_VALUE.exec(line);
      return !match || match[1] === scope.orgId;
    })
    .join('\n');
}
