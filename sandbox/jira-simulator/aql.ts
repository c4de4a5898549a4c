/**
 * A subset of Assets Query Language: conditions `attribute <op> value` with `=` (case-insensitive),
 * `==` (case-sensitive), `!=`, `like` (contains), `in (a, b)`, combined with AND / OR and parentheses.
 * Attribute names and values are bare words or quoted strings (`"IP Address" = "10.0.0.5"`).
 */

export class AqlError extends Error {}

type Op = '=' | '==' | '!=' | 'like' | 'in';

export type AqlExpr =
  | { kind: 'and'; left: AqlExpr; right: AqlExpr }
  | { kind: 'or'; left: AqlExpr; right: AqlExpr }
  | { kind: 'cond'; attribute: string; op: Op; values: string[] };

type Token = { type: 'word' | 'string' | 'punct'; text: string };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const re = /(==|!=|=|\(|\)|,)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s()=!,"']+)/y;
  for (let i = 0; ; i = re.lastIndex) {
    while (i < query.length && /\s/.test(query[i]!)) i++;
    if (i >= query.length) return tokens;
    re.lastIndex = i;
    const m = re.exec(query);
    if (!m) throw new AqlError(`AQL syntax error near '${query.slice(i)}'`);
    if (m[1] !== undefined) tokens.push({ type: 'punct', text: m[1] });
    else if (m[4] !== undefined) tokens.push({ type: 'word', text: m[4] });
    else tokens.push({ type: 'string', text: (m[2] ?? m[3]!).replace(/\\(.)/g, '$1') });
  }
}

export function parseAql(query: string): AqlExpr {
  const tokens = tokenize(query);
  let pos = 0;
  const peek = () => tokens[pos];
  const isKeyword = (t: Token | undefined, word: string) => t?.type === 'word' && t.text.toLowerCase() === word;
  const expectValue = (): string => {
    const t = tokens[pos++];
    if (!t || t.type === 'punct') throw new AqlError(`AQL syntax error: expected a value${t ? ` but found '${t.text}'` : ''}`);
    return t.text;
  };

  const condition = (): AqlExpr => {
    const attribute = expectValue();
    const opToken = tokens[pos++];
    const opText = opToken?.text.toLowerCase();
    if (opText === 'in') {
      if (peek()?.text !== '(') throw new AqlError("AQL syntax error: expected '(' after IN");
      pos++;
      const values = [expectValue()];
      while (peek()?.text === ',') {
        pos++;
        values.push(expectValue());
      }
      if (tokens[pos++]?.text !== ')') throw new AqlError("AQL syntax error: expected ')'");
      return { kind: 'cond', attribute, op: 'in', values };
    }
    if (opText !== '=' && opText !== '==' && opText !== '!=' && opText !== 'like') {
      throw new AqlError(`AQL syntax error: expected an operator after '${attribute}'`);
    }
    return { kind: 'cond', attribute, op: opText, values: [expectValue()] };
  };

  const unary = (): AqlExpr => {
    if (peek()?.text === '(' && peek()?.type === 'punct') {
      pos++;
      const inner = or();
      if (tokens[pos++]?.text !== ')') throw new AqlError("AQL syntax error: expected ')'");
      return inner;
    }
    return condition();
  };

  const and = (): AqlExpr => {
    let left = unary();
    while (isKeyword(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };

  const or = (): AqlExpr => {
    let left = and();
    while (isKeyword(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  if (tokens.length === 0) throw new AqlError('AQL query is empty');
  const expr = or();
  if (pos < tokens.length) throw new AqlError(`AQL syntax error near '${tokens[pos]!.text}'`);
  return expr;
}

/** Evaluates against one object; `valuesOf` gives an attribute's values (throws AqlError if unknown). */
export function matchesAql(expr: AqlExpr, valuesOf: (attribute: string) => string[]): boolean {
  if (expr.kind === 'and') return matchesAql(expr.left, valuesOf) && matchesAql(expr.right, valuesOf);
  if (expr.kind === 'or') return matchesAql(expr.left, valuesOf) || matchesAql(expr.right, valuesOf);
  const actual = valuesOf(expr.attribute);
  const lower = actual.map((v) => v.toLowerCase());
  const wanted = expr.values.map((v) => v.toLowerCase());
  switch (expr.op) {
    case '=':
    case 'in':
      return lower.some((v) => wanted.includes(v));
    case '==':
      return actual.some((v) => expr.values.includes(v));
    case '!=':
      return !lower.some((v) => wanted.includes(v));
    case 'like':
      return lower.some((v) => v.includes(wanted[0]!));
  }
}
