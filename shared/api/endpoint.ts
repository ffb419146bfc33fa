import { z } from 'zod';
import type { Access } from '../types/permissions';

/** One API call: request/response schemas, optional stream-event schema and the access it needs. */
export interface EndpointDef<
  Req extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
  Ev extends z.ZodType | undefined = z.ZodType | undefined,
> {
  request: Req;
  response: Res;
  /** Present on calls that stream progress events before their result. */
  event?: Ev;
  access: Access;
  summary: string;
  /** Server mode: a larger request body than the default 1 MB (file uploads). */
  maxBodyBytes?: number;
}

export function endpoint<Req extends z.ZodType, Res extends z.ZodType, Ev extends z.ZodType | undefined = undefined>(
  def: EndpointDef<Req, Res, Ev>,
): EndpointDef<Req, Res, Ev> {
  return def;
}

export const empty = z.strictObject({});
export const ok = z.strictObject({ ok: z.literal(true) });
export const id = z.string().min(1).max(64);
/** ISO-8601 timestamp string. */
export const isoDate = z.string();

/** Control characters and text-direction overrides (e.g. U+202E) that make a name display as something else. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A name or title people see: trimmed, not empty, no control or bidirectional-override characters. */
export const displayText = (max: number, emptyMessage?: string) =>
  z.string().trim().min(1, emptyMessage).max(max).refine((value) => !UNSAFE_TEXT.test(value), 'Names cannot contain control or text-direction characters (such as U+202E); type the name again without them.');
