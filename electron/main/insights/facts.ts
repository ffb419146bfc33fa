/** The figures an insight's words use. Every number goes into the text through `Facts`, which
 *  formats it and records it in the evidence, so a reader (and a test) can trace each one. */
import type { EvidenceNumber } from '../../../shared/api/domains/insights';
import { formatValue } from '../../../shared/charts/format';
import type { ValueFormat } from '../../../shared/charts/spec';

export class Facts {
  readonly numbers: EvidenceNumber[] = [];

  constructor(private readonly unit: ValueFormat) {}

  /** A figure in the metric's unit (or `format`), as shown: "$1.2M". */
  value(label: string, value: number, format: ValueFormat = this.unit): string {
    const text = formatValue(value, format);
    this.record(label, value, text, format);
    return text;
  }

  /** A change as a share: "8.2%" (sign left to the words around it). */
  share(label: string, fraction: number): string {
    return this.value(label, Math.abs(fraction), 'fraction-percent');
  }

  /** A count of things: "3". */
  count(label: string, n: number): string {
    return this.value(label, n, 'integer');
  }

  /** A statistic with a fixed number of significant digits: "t = -2.41". */
  stat(label: string, value: number, digits = 3): string {
    const text = Number.isInteger(value) ? String(value) : trimmed(value.toPrecision(digits));
    this.record(label, value, text);
    return text;
  }

  /** A p-value as analysts read it: "p = 0.012", "p < 0.001". */
  p(label: string, pValue: number): string {
    if (pValue < 0.001) {
      this.record(label, 0.001, '0.001');
      return 'p < 0.001';
    }
    return `p = ${this.stat(label, pValue, 2)}`;
  }

  private record(label: string, value: number, text: string, format?: ValueFormat): void {
    if (!this.numbers.some((n) => n.label === label && n.text === text)) this.numbers.push({ label, value, text, ...(format ? { format } : {}) });
  }
}

function trimmed(text: string): string {
  if (/e/i.test(text)) return String(Number(text));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Plain words for a probability that a finding is real (executives read these). */
export function likelihoodWords(confidence: number): string {
  if (confidence >= 0.95) return 'almost certainly';
  if (confidence >= 0.85) return 'very likely';
  if (confidence >= 0.7) return 'likely';
  if (confidence >= 0.5) return 'possibly';
  return 'probably not';
}

export function confidenceLabel(confidence: number): string {
  if (confidence >= 0.85) return 'High';
  if (confidence >= 0.6) return 'Medium';
  return 'Low';
}
