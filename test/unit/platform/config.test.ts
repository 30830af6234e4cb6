import * as v from 'valibot';
import { envInteger, readEnvGroup } from '../../../server/platform/config';
import { AppError } from '../../../server/platform/errors';
import { parseInput } from '../../../server/platform/validation';

const schema = v.object({ baseUrl: v.pipe(v.string(), v.url()), key: v.pipe(v.string(), v.minLength(8)), timeoutMs: envInteger(1, 60_000, 5000) });
const fields = { baseUrl: 'P_BASE_URL', key: 'P_KEY', timeoutMs: 'P_TIMEOUT_MS' };

describe('readEnvGroup', () => {
  it('parses a valid group with defaults', () => {
    expect(readEnvGroup({ P_BASE_URL: 'http://127.0.0.1:1', P_KEY: '12345678' }, fields, schema)).toEqual({
      baseUrl: 'http://127.0.0.1:1',
      key: '12345678',
      timeoutMs: 5000,
    });
  });

  it('names every missing or invalid variable, never its value', () => {
    let caught: unknown;
    try {
      readEnvGroup({ P_BASE_URL: 'not a url', P_KEY: '', P_TIMEOUT_MS: '-3' }, fields, schema);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    const err = caught as AppError;
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('P_BASE_URL is invalid');
    expect(err.message).toContain('P_KEY is not set');
    expect(err.message).toContain('P_TIMEOUT_MS is invalid');
    expect(err.message).not.toContain('not a url');
  });
});

describe('parseInput', () => {
  it('answers INVALID_ARGUMENT naming the path', () => {
    const s = v.object({ items: v.array(v.object({ quantity: v.pipe(v.number(), v.integer(), v.minValue(1)) })) });
    expect(() => parseInput(s, { items: [{ quantity: 0 }] })).toThrow('items.0.quantity: Number must be greater than or equal to 1');
    expect(() => parseInput(s, { items: [{}] })).toThrow('items.0.quantity: Required');
    expect(() => parseInput(s, { items: [{ quantity: '2' }] })).toThrow('items.0.quantity: Expected number, received string');
    expect(() => parseInput(s, null)).toThrow(AppError);
  });
});
