// OpenCC's conversion tables as opencc-js ships them (`opencc-js/dict/<name>`, one module per table):
// a string of entries `from to[ other…]` separated by `|`, the first `to` being OpenCC's choice.
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
