/** A chart as vector primitives in a box (points, top-left origin). The PDF draws them with
 *  pdfkit, the HTML report as inline SVG; both therefore show the very same chart. */
export interface Box { x: number; y: number; w: number; h: number }

interface Data { series?: number; tip?: string }
export type Primitive =
  | ({ kind: 'rect'; x: number; y: number; w: number; h: number; fill: string } & Data)
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: boolean }
  | ({ kind: 'path'; points: Array<[number, number]>; stroke: string; width: number; fill?: string; opacity?: number } & Data)
  | ({ kind: 'circle'; cx: number; cy: number; r: number; fill: string } & Data)
  | ({ kind: 'slice'; cx: number; cy: number; r: number; inner: number; start: number; end: number; fill: string } & Data)
  | { kind: 'text'; x: number; y: number; text: string; size: number; color: string; align: 'left' | 'center' | 'right'; bold?: boolean; baseline?: 'top' | 'middle' | 'bottom' };

export interface Legend { name: string; color: string }

export interface Scene {
  primitives: Primitive[];
  legend: Legend[];
  /** Textual alternative: what the chart shows, for screen readers and the PDF's text layer. */
  description: string;
}

export const INK = '#1F2937';
export const MUTED = '#6B7280';
export const GRID = '#E5E7EB';
