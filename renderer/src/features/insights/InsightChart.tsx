import { useMemo } from 'react';
import type { InsightChart as InsightChartData } from '../../../../shared/api/domains/insights';
import { ApexChart } from '../../charts/ApexChart';
import { useChartTheme } from '../../charts/chartTheme';
import { insightApexConfig } from './insightApex';

/** An insight's chart: the forecast band, marked anomalies, ranked contributions… */
export function InsightChart({ chart, height = 300 }: { chart: InsightChartData; height?: number }) {
  const theme = useChartTheme();
  const config = useMemo(() => insightApexConfig(chart, theme), [chart, theme]);
  const flagged = chart.kind === 'markers' ? chart.points.filter((p) => p.flagged).length : null;
  return (
    <figure className="chart-card" style={{ margin: 0 }} data-testid="insight-chart" data-kind={chart.kind} data-flagged={flagged ?? undefined} aria-label={chart.title}>
      <figcaption className="small" style={{ fontWeight: 600, marginBottom: 4 }}>{chart.title}</figcaption>
      <ApexChart key={`${chart.kind}-${theme}`} type={config.type} series={config.series} options={config.options} height={height} />
    </figure>
  );
}
