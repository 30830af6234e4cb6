// miniprogram-simulate ships no types; its wx API is a plain object of functions.
declare module 'miniprogram-simulate/src/api' {
  const wx: Record<string, unknown>;
  export = wx;
}
