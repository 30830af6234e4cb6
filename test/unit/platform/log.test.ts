import { createLogger, registerSecret, scrub, setLogSink } from '../../../server/platform/log';

describe('scrubbed logging', () => {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    setLogSink((line) => lines.push(line), 'debug');
  });

  it('masks secret-looking fields at any depth', () => {
    const out = scrub({ store: 's1', auth: { apiKey: 'k-123', nested: [{ paySign: 'ABC' }] }, authen_code: 'FF' });
    expect(out).toEqual({ store: 's1', auth: { apiKey: '[REDACTED]', nested: [{ paySign: '[REDACTED]' }] }, authen_code: '[REDACTED]' });
  });

  it('masks registered secret values wherever they appear in text', () => {
    registerSecret('s3cr3t-value-xyz');
    const log = createLogger('test');
    log.error('failed calling https://p.example/?k=s3cr3t-value-xyz', {
      detail: 'header was s3cr3t-value-xyz',
      err: new Error('bad s3cr3t-value-xyz'),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('s3cr3t-value-xyz');
    expect(lines[0]).toContain('[REDACTED]');
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'error', scope: 'test' });
  });

  it('drops records below the level', () => {
    setLogSink((line) => lines.push(line), 'warn');
    const log = createLogger('test');
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual(['loud']);
  });
});
