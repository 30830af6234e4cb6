/**
 * A cold start evaluates the configured provider's module only (its schemas, settings docs,
 * tables): the registry loads a provider on first use. `npm run bench` (bundles) measures the load.
 */
const GATEWAYS = '../../../server/gateways';

function loadRegistryWatching(): { registry: typeof import('../../../server/gateways/registry'); evaluated: string[] } {
  const evaluated: string[] = [];
  let registry: typeof import('../../../server/gateways/registry') | undefined;
  jest.isolateModules(() => {
    for (const name of ['quickpay', 'caibao', 'tencent']) {
      jest.doMock(`${GATEWAYS}/${name}`, () => {
        evaluated.push(name);
        return jest.requireActual<object>(`${GATEWAYS}/${name}`);
      });
    }
    registry = jest.requireActual<typeof import('../../../server/gateways/registry')>(`${GATEWAYS}/registry`);
  });
  if (!registry) throw new Error('registry not loaded');
  return { registry, evaluated };
}

afterEach(() => jest.resetModules());

it('names every provider without evaluating any', () => {
  const { registry, evaluated } = loadRegistryWatching();
  expect(registry.registeredProviders()).toEqual(['quickpay', 'caibao', 'tencent']);
  expect(registry.isRegisteredProvider('caibao')).toBe(true);
  expect(evaluated).toEqual([]);
});

it.each(['quickpay', 'caibao', 'tencent'])('evaluates only %s when it is the one configured', (name) => {
  const { registry, evaluated } = loadRegistryWatching();
  expect(registry.chosenProvider({ PAY_PROVIDER: name }).name).toBe(name);
  expect(registry.providerModule(name as never)).toBe(registry.chosenProvider({ PAY_PROVIDER: name }));
  expect(evaluated).toEqual([name]);
});
