import { join } from 'node:path';
import { markValibotCalls, valibotPureNames } from '../../../scripts/bundle/valibot-pure';

const ROOT = join(__dirname, '../../..');
const pure = valibotPureNames(ROOT);

describe('valibot calls marked pure for the function bundles', () => {
  it("takes valibot's own marks: the schema constructors, not parse (which throws)", () => {
    for (const name of ['object', 'pipe', 'string', 'variant', 'picklist', 'null', 'safeParse']) expect(pure.has(name)).toBe(true);
    expect(pure.has('parse')).toBe(false);
  });

  it('marks the constructors called through `v`, leaves parse and other receivers alone', () => {
    const source = "import * as v from 'valibot';\nexport const a = v.object({ b: v.string() });\nv.parse(a, x);\nfoo.v.object(1);\n";
    expect(markValibotCalls(source, pure)).toBe(
      "import * as v from 'valibot';\nexport const a = /* @__PURE__ */ v.object({ b: /* @__PURE__ */ v.string() });\nv.parse(a, x);\nfoo.v.object(1);\n",
    );
  });

  it('leaves a file that does not import valibot as v unchanged', () => {
    const source = 'const v = { object: (x: unknown) => x };\nexport const a = v.object(1);\n';
    expect(markValibotCalls(source, pure)).toBe(source);
  });
});
