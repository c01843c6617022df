import { Lexer } from "yaml";

/**
 * A sci-gate.yml holds a few settings and at most 1000 scenarios (a few tens of thousands of
 * tokens). yaml's parser costs a few microseconds per token and its composer recurses once per
 * level of nesting, so a 1 MB file of `[[[[…` or `1,1,1,…` costs seconds and hundreds of MB
 * before it is refused. These bounds are checked first, with yaml's own lexer (iterative, linear,
 * and stopped at the first excess), so a hostile config is refused in milliseconds.
 */
export const maxConfigTokens = 100_000;
export const maxConfigNesting = 100;

export interface YamlLimitExcess {
  /** Offset in the text where the limit was passed. */
  offset: number;
  message: string;
}

/** Lexer control tokens (document start, flow error end, scalar marker) have no source text. */
const controlTokens = new Set(["\u0002", "\u0018", "\u001f"]);

/**
 * The first place `text` passes the token or nesting bound, or null. Nesting counts flow
 * collections exactly and block levels by the columns content starts at (a close upper bound:
 * `key: value` on one line counts two), which is far below the limit for any real config.
 */
export function findYamlExcess(text: string, limits = { tokens: maxConfigTokens, nesting: maxConfigNesting }): YamlLimitExcess | null {
  let offset = 0;
  let column = 0;
  let tokens = 0;
  let flowDepth = 0;
  const blockColumns: number[] = [];
  for (const token of new Lexer().lex(text)) {
    if (controlTokens.has(token)) continue;
    tokens++;
    if (tokens > limits.tokens) {
      return { offset, message: `expected a config of at most ${limits.tokens} YAML tokens (a config is a page of settings), but it goes on past this line` };
    }
    const first = token[0];
    if (token === "[" || token === "{") {
      flowDepth++;
    } else if (token === "]" || token === "}") {
      flowDepth = Math.max(0, flowDepth - 1);
    } else if (flowDepth === 0 && first !== undefined && !" \t\r\n#:,".includes(first)) {
      // Content in block context: it opens a level at its column, closing the deeper ones.
      while (blockColumns.length > 0 && blockColumns[blockColumns.length - 1]! >= column) blockColumns.pop();
      blockColumns.push(column);
    }
    if (flowDepth + blockColumns.length > limits.nesting) {
      return { offset, message: `expected a config nested at most ${limits.nesting} levels deep, but it nests deeper from this line` };
    }
    const newline = token.lastIndexOf("\n");
    column = newline === -1 ? column + token.length : token.length - newline - 1;
    offset += token.length;
  }
  return null;
}
