/**
 * JSON text to a value, with a syntax error reported as one line naming the
 * line and column (V8's messages name neither reliably, and quote the input).
 */
import { InputError } from "../errors.js";

/** Offset of the first syntax error in `text` (a small recursive-descent scan, iterative over nesting). */
function syntaxErrorAt(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (): boolean => {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 0x22) return ++i > 0;
        if (ch < 0x20) return false;
        if (ch === 0x5c) {
          const e = text[++i];
          if (e === "u") {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return false;
            i += 4;
          } else if (e === undefined || !'"\\/bfnrt'.includes(e)) return false;
        }
      }
      return false;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  // stack of open containers: "[" or "{"
  const stack: string[] = [];
  for (;;) {
    ws();
    // a value
    const c = text[i];
    if (c === "[" || c === "{") {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === "[" ? "]" : "}")) {
        stack.pop();
        i++;
      } else {
        if (c === "{") {
          if (text[i] !== '"' || !literal()) return i;
          ws();
          if (text[i++] !== ":") return i - 1;
        }
        continue;
      }
    } else if (!literal()) {
      return i;
    }
    // after a value: close containers or move to the next element
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? i : -1;
      const close = top === "[" ? "]" : "}";
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ",") return i;
      i++;
      if (top === "{") {
        ws();
        if (text[i] !== '"' || !literal()) return i;
        ws();
        if (text[i++] !== ":") return i - 1;
      }
      break;
    }
  }
}

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const at = Math.max(0, syntaxErrorAt(text));
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    const found = at >= text.length ? "end of input" : JSON.stringify(text.slice(at, at + 1));
    throw new InputError(`${file}:${line}:${column}: not valid JSON (unexpected ${found})`);
  }
}
