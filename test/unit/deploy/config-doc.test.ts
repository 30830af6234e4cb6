import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../../../scripts/config-doc';
import { MEANINGS } from '../../../scripts/config/meanings';
import { settingsGroups } from '../../../scripts/config/settings';
import { loadAdminToken } from '../../../server/functions/config';
import { gatewayFromEnv } from '../../../server/gateways/registry';
import { scrubText } from '../../../server/platform/log';

const ROOT = join(__dirname, '../../..');
const groups = settingsGroups();

describe('npm run config:doc', () => {
  it.each(generatedFiles().map((file) => [file.path, file.expected] as const))('%s is what the settings schemas generate (run npm run config:doc)', (path, expected) => {
    expect(readFileSync(join(ROOT, path), 'utf8')).toBe(expected);
  });

  it('documents every variable the schemas read, and only those', () => {
    const variables = groups.flatMap((group) => group.settings.map((s) => s.variable)).sort();
    expect(Object.keys(MEANINGS).sort()).toEqual(variables);
  });

  it('takes required and default from the schemas', () => {
    const find = (variable: string) => groups.flatMap((g) => g.settings).find((s) => s.variable === variable);
    expect(find('ORDER_EXPIRY_MINUTES')).toMatchObject({ required: false, default: '30' });
    expect(find('QUICKPAY_STORE_NO')).toMatchObject({ required: true });
    expect(find('PAY_PROVIDER')?.meaning).toMatch(/`quickpay`/);
  });

  it('marks as secret exactly what the code registers as a secret', () => {
    for (const group of groups.filter((g) => g.provider || g.id === 'refund')) {
      const env: Record<string, string> = { PAY_PROVIDER: group.provider ?? 'quickpay' };
      for (const s of group.settings) env[s.variable] = `value-of-${s.variable}-${Math.random().toString(36).slice(2)}`;
      // The loaders register secrets before they validate (these made-up values mostly fail validation afterwards).
      try {
        if (group.provider) gatewayFromEnv(env);
        else loadAdminToken(env);
      } catch {
        // expected for made-up values
      }
      for (const s of group.settings) expect({ [s.variable]: scrubText(env[s.variable] ?? '') !== env[s.variable] }).toEqual({ [s.variable]: s.secret });
    }
  });
});
