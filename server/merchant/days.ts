/** A merchant's day is a calendar day in China Standard Time (UTC+8, no daylight saving). */
import * as v from 'valibot';

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export const DAY = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  v.check((day) => {
    const time = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
  }, 'must be a real date'),
);

/** [start, end) in epoch ms. */
export interface Range {
  start: number;
  end: number;
}

export function dayRange(day: string): Range {
  const start = Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS;
  return { start, end: start + DAY_MS };
}

/** From the first day's start to the last day's end (either side open when absent). */
export function daysRange(from?: string, to?: string): Partial<Range> {
  return { ...(from ? { start: dayRange(from).start } : {}), ...(to ? { end: dayRange(to).end } : {}) };
}

export function dayOf(epochMs: number): string {
  return new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 10);
}
