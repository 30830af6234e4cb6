/** The HTTP access service's event, read at the boundary, with the body back as the exact bytes sent. */
import * as v from 'valibot';
import type { HttpReply } from '../gateways/contract';
import { parseInput } from '../platform/validation';

const httpEvent = v.object({
  path: v.string(),
  httpMethod: v.string(),
  headers: v.optional(v.record(v.string(), v.string()), {}),
  queryStringParameters: v.nullish(v.record(v.string(), v.string())),
  body: v.nullish(v.string()),
  isBase64Encoded: v.optional(v.boolean(), false),
});

export interface HttpRequestIn {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
}

export function isHttpEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && typeof (event as { httpMethod?: unknown }).httpMethod === 'string';
}

export function readHttpEvent(event: unknown): HttpRequestIn {
  const parsed = parseInput(httpEvent, event);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.headers)) headers[name.toLowerCase()] = value;
  const body = parsed.body ?? '';
  return {
    path: parsed.path,
    method: parsed.httpMethod.toUpperCase(),
    headers,
    body: parsed.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
  };
}

/** The integration response CloudBase turns into the HTTP reply. */
export function httpResponse(reply: HttpReply): { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: false } {
  return { statusCode: reply.statusCode, headers: reply.headers, body: reply.body, isBase64Encoded: false };
}

export function jsonResponse(statusCode: number, value: unknown) {
  return httpResponse({ statusCode, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) });
}
