import { join } from 'node:path';
import { markValibotCalls, markValibotRegExps, valibotPureNames } from '../../../scripts/bundle/valibot-pure';

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

  it('writes a \\p{…} pattern of valibot as the same RegExp built by a pure call, and leaves other patterns alone', () => {
    const source = 'const EMOJI_REGEX = /^\\p{Emoji}\\u{1F3F4}$/u;\nconst DIGITS_REGEX = /^\\d+$/u;\n';
    const marked = markValibotRegExps(source);
    expect(marked).toBe('const EMOJI_REGEX = /* @__PURE__ */ new RegExp("^\\\\p{Emoji}\\\\u{1F3F4}$", "u");\nconst DIGITS_REGEX = /^\\d+$/u;\n');
    const [, pattern = '', flags = ''] = /new RegExp\(("[^\n]*"), ("[a-z]*")\)/.exec(marked) ?? [];
    const built = new RegExp(JSON.parse(pattern) as string, JSON.parse(flags) as string);
    expect(built.test('\u{1F600}\u{1F3F4}')).toBe(true);
  });
});
