import * as v from 'valibot';
import { AppError } from './errors';

/** A schema that reads untrusted input (anything) into `T`. */
export type Schema<T> = v.GenericSchema<unknown, T>;
export type Issues = readonly v.BaseIssue<unknown>[];

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

/**
 * The wording of the messages our callers (and tests, and the client's mapping) have always read,
 * for every check whose schema gives no message of its own: `Required`, `Expected string, received
 * number`, `Number must be greater than or equal to 1`, `String must contain at most 32 character(s)`.
 */
export function plainMessage(issue: v.BaseIssue<unknown>): string {
  const { input, requirement } = issue;
  const text = typeof input === 'string';
  const things = Array.isArray(input) ? 'Array' : 'String';
  const units = Array.isArray(input) ? 'element(s)' : 'character(s)';
  if (issue.kind === 'schema') {
    if (input === undefined) return 'Required';
    if (issue.type === 'literal' || issue.type === 'picklist' || issue.type === 'enum' || issue.type === 'union' || issue.type === 'variant') {
      return `Invalid input: expected ${String(issue.expected)}, received ${text ? JSON.stringify(input) : kindOf(input)}`;
    }
    if (issue.type === 'strict_object') return `Unrecognized key: ${JSON.stringify(issue.input)}`;
    return `Expected ${String(issue.expected)}, received ${kindOf(input)}`;
  }
  switch (issue.type) {
    case 'min_length': return `${things} must contain at least ${String(requirement)} ${units}`;
    case 'max_length': return `${things} must contain at most ${String(requirement)} ${units}`;
    case 'length': return `${things} must contain exactly ${String(requirement)} ${units}`;
    case 'min_value': return `Number must be greater than or equal to ${String(requirement)}`;
    case 'max_value': return `Number must be less than or equal to ${String(requirement)}`;
    case 'gt_value': return `Number must be greater than ${String(requirement)}`;
    case 'lt_value': return `Number must be less than ${String(requirement)}`;
    case 'integer': return 'Expected integer, received float';
    case 'starts_with': return `Invalid input: must start with "${String(requirement)}"`;
    case 'url': return 'Invalid url';
    default: return 'Invalid';
  }
}

const CONFIG = { message: plainMessage } as const;

/** The dotted path of an issue (`items.0.quantity`), empty for the input itself. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.');
}

/** One readable line per problem: `items.0.quantity: Number must be greater than 0`. */
export function describeIssues(issues: Issues): string {
  return issues.map((issue) => `${issuePath(issue) || '(input)'}: ${issue.message}`).join('; ');
}

/** Validates with our wording of messages; never throws. */
export function check<T>(schema: Schema<T>, input: unknown): v.SafeParseResult<Schema<T>> {
  return v.safeParse(schema, input, CONFIG);
}

/** Parse untrusted input at a boundary; bad input becomes INVALID_ARGUMENT naming the fields. */
export function parseInput<T>(schema: Schema<T>, input: unknown): T {
  const result = check(schema, input);
  if (!result.success) throw new AppError('INVALID_ARGUMENT', describeIssues(result.issues));
  return result.output;
}
