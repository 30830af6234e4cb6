// WeChat's setData semantics: each key is a data path (`a.b`, `list[0].x`, and Taro's `cn.[0]` form);
// the value is copied as JSON, as the real framework serialises it across threads.

/** Splits a setData key into property names and array indexes: `root.cn.[0].v` → ['root','cn',0,'v']. */
export function parseDataPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined) segments.push(match[2]);
  }
  if (segments.length === 0) throw new Error(`setData: empty data path "${path}"`);
  return segments;
}

function jsonCopy(value: unknown): unknown {
  // undefined is dropped by JSON; setData of undefined leaves the key undefined, as in WeChat.
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Applies one setData payload to `data` in place. */
export function applySetData(data: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(patch)) {
    const segments = parseDataPath(path);
    const last = segments.length - 1;
    let target: Record<string, unknown> = data;
    for (let i = 0; i < last; i += 1) {
      const key = String(segments[i]);
      if (!isContainer(target[key])) target[key] = typeof segments[i + 1] === 'number' ? [] : {};
      target = target[key] as Record<string, unknown>;
    }
    target[String(segments[last])] = jsonCopy(value);
  }
}
