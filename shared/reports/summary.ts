import type { Audience, ExecutiveSummary, Finding } from './model';

/** Writes a report's executive summary from its findings. The default below is deterministic
 *  (figures straight from the findings' evidence); another implementation (e.g. the insights
 *  engine's) can be plugged in where reports are built, as long as it only phrases those figures. */
export interface ExecutiveSummarizer {
  summarize(findings: readonly Finding[], options: { audience: Audience; maxPoints: number; periodLabel: string; urgentShownSeparately: boolean }): ExecutiveSummary;
}

function pointOf(finding: Finding, urgentShownSeparately: boolean): string {
  const lead = finding.evidence[0];
  const figure = lead && !finding.title.includes(lead.value) ? ` (${lead.label}: ${lead.value})` : '';
  if (finding.alert && !urgentShownSeparately) return `Needs attention: ${finding.alert}.`;
  return `${finding.title}${figure}.`.replace(/\.\.$/, '.');
}

export const deterministicSummarizer: ExecutiveSummarizer = {
  summarize(findings, { maxPoints, periodLabel, urgentShownSeparately }) {
    if (!findings.length) return { headline: `No findings for ${periodLabel}.`, points: [] };
    // Urgent items first, then the order the findings were given in (the author's priority).
    const ordered = [...findings].sort((a, b) => Number(b.urgent) - Number(a.urgent));
    const withFigures = ordered.filter((f) => (f.evidence.length || f.urgent) && !(urgentShownSeparately && f.urgent));
    const urgentCount = findings.filter((f) => f.urgent).length;
    const lead = ordered.find((f) => !f.urgent) ?? ordered[0];
    const headline = urgentCount
      ? `${lead.title}. ${urgentCount === 1 ? 'One item needs' : `${urgentCount} items need`} attention.`
      : `${lead.title}.`;
    const others = (withFigures.length ? withFigures : ordered).filter((f) => f !== lead);
    const points = others.length
      ? [`${lead.evidence[0] ? `${lead.evidence[0].label}: ${lead.evidence[0].value}` : lead.title}.`, ...others.slice(0, maxPoints - 1).map((f) => pointOf(f, urgentShownSeparately))]
      : lead.evidence.slice(0, maxPoints).map((e) => `${e.label}: ${e.value}.`);
    return { headline: headline.replace(/\.\./g, '.'), points };
  },
};
