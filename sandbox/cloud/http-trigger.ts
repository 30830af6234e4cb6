/**
 * The HTTP access service of the cloud, locally: a request becomes the event CloudBase hands an
 * HTTP-triggered function, and the function's answer becomes the HTTP reply.
 * The body reaches the function byte for byte: as text when it is valid UTF-8, else base64 with
 * `isBase64Encoded: true` (signatures are verified over exactly these bytes).
 */
export interface HttpTriggerEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  queryStringParameters: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

export interface HttpReplyOut {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function bodyForEvent(raw: Buffer): { body: string; isBase64Encoded: boolean } {
  const text = raw.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(raw)) return { body: text, isBase64Encoded: false };
  return { body: raw.toString('base64'), isBase64Encoded: true };
}

export function buildHttpEvent(input: {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  body: Buffer;
}): HttpTriggerEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { path: input.path, httpMethod: input.method.toUpperCase(), headers, queryStringParameters: { ...input.query }, ...bodyForEvent(input.body) };
}

function isIntegrationResponse(value: unknown): value is { statusCode: number; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: boolean } {
  return typeof value === 'object' && value !== null && typeof (value as { statusCode?: unknown }).statusCode === 'number';
}

/** CloudBase's rule: `{statusCode, headers, body, isBase64Encoded}` is used as is; a string is text; anything else JSON. */
export function replyFromResult(result: unknown): HttpReplyOut {
  if (isIntegrationResponse(result)) {
    const body = result.body === undefined ? '' : typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
    return {
      statusCode: result.statusCode,
      headers: { ...(result.headers ?? {}) },
      body: result.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
    };
  }
  if (typeof result === 'string') return { statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(result, 'utf8') };
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(result ?? null), 'utf8') };
}
