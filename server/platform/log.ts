/**
 * Structured, scrubbed logging. Two nets catch secrets before anything is written:
 * - fields whose name looks secret (key, secret, sign, token, authen, password, credential, cookie)
 *   are masked wherever they are in the object;
 * - every configured secret value is registered with `registerSecret` and masked wherever it
 *   appears inside any string (a URL, a header dump, a provider's error text).
 */
const SECRET_FIELD = /(key|secret|sign|token|authen|password|passwd|credential|cookie|authorization)/i;
const MASK = '[REDACTED]';
const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

export function scrubText(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  return out;
}

export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[DEEP]';
  if (typeof value === 'string') return scrubText(value);
  if (Buffer.isBuffer(value)) return scrubText(value.toString('utf8'));
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_FIELD.test(k) && v !== undefined && v !== null && v !== '' ? MASK : scrub(v, depth + 1);
    }
    return out;
  }
  return value;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stdout.write(`${line}\n`);
let minLevel: LogLevel = process.env.LOG_LEVEL === 'debug' ? 'debug' : 'info';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Tests capture output here to prove that no secret reaches a log line. */
export function setLogSink(next: LogSink, level: LogLevel = minLevel): void {
  sink = next;
  minLevel = level;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(scope: string): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const record = { t: new Date().toISOString(), level, scope, message: scrubText(message), ...(fields ? (scrub(fields) as object) : {}) };
    sink(JSON.stringify(record));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
