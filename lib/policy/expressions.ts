/**
 * An offline check of the C# policy expressions (`@(...)`, `@{...}`) in rendered API Management policies. API
 * Management compiles every expression when a policy is saved, so a syntax slip, an undocumented `context` member or
 * a .NET type outside the allowed list fails the apply; a `context.Variables` read with another type than the one
 * written fails at run time. This finds all of them before a plan is made:
 *
 * 1. Every expression is taken from attribute values and element text, with XML entities decoded.
 * 2. Each is parsed as C# with tree-sitter's C# grammar (an expression as `return (<expression>);`, a block as a
 *    method body). Any ERROR or MISSING node fails, as do syntax newer than the C# 7 policies are compiled as, a
 *    single expression that closes before its end, and a block whose last statement does not return.
 * 3. Names are resolved on the syntax tree: `context.X.Y` chains must follow the documented context members, and
 *    every type named (`new X()`, `X.Member`, casts, declarations, generic arguments) must be an allowed .NET type
 *    (lib/policy/expression-reference.ts). A name that is neither a local, `context`, nor an allowed type fails.
 * 4. `context.Variables` reads (`GetValueOrDefault<T>("name")`, `(T)context.Variables["name"]`,
 *    `context.Variables["name"] as T`) must use the type their `set-variable` wrote: a literal is a string, an
 *    expression has the type inferred where it is obvious (literals, casts, comparisons, `ToString()`, documented
 *    context members, `T.Parse`, ...). Unknown stays unknown and is not reported, and so do reads of reference
 *    types other than string (a JObject read as JToken is valid), of variables no `set-variable` writes (other
 *    policies' `*-variable-name` outputs) and with a non-literal name.
 *
 * Members of .NET values (`forwarded.Split(',')`) are not resolved: that needs type inference for every local, and
 * the allowed types support all their members except where the reference lists them (checked when the type itself
 * is named, as in `DateTime.UtcNow` or `new Regex(...)`).
 *
 * The grammar is WebAssembly, so loading is asynchronous and costs about a tenth of a second: load one parser and
 * reuse it (`loadExpressionParser`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { XMLParser } from 'fast-xml-parser';
import { Language, type Node, Parser } from 'web-tree-sitter';

import {
  ALLOWED_TYPES,
  CONTEXT_TYPES,
  CONTEXT_VALUE_TYPES,
  MESSAGE_BODY_TYPES,
  PREDEFINED_TYPES,
  SET_VARIABLE_LITERAL_TYPE,
  type SupportedMembers,
  SYNTAX_AFTER_CSHARP_7,
} from './expression-reference';

/** A rendered policy document and the name violations are reported under. */
export interface RenderedPolicy {
  readonly name: string;
  readonly xml: string;
}

export type ExpressionKind = 'expression' | 'block';

export interface PolicyExpression {
  readonly policy: string;
  /** Where the expression is: the element path below `<policies>`, and `@attribute` for an attribute value. */
  readonly location: string;
  readonly kind: ExpressionKind;
  /** The expression as API Management reads it (entities decoded), including `@(`...`)` or `@{`...`}`. */
  readonly source: string;
  /** The variable this expression is the value of, for a `set-variable`. */
  readonly variable?: string;
}

export interface ExpressionReport {
  /** Number of expressions checked. */
  readonly expressions: number;
  /** One line per problem, naming the policy, the location, the position in the expression and the expression. */
  readonly violations: readonly string[];
}

const XML_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Decoded here instead (`decodeEntities`): the parser leaves numeric references as written.
  processEntities: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
} as const;

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes XML's predefined entities and character references, as API Management's XML reader does. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) {
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) {
      return String.fromCodePoint(parseInt(entity.slice(1), 10));
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

type ParsedXml = Array<Record<string, unknown>>;

function expressionKind(value: string): ExpressionKind | undefined {
  if (value.startsWith('@(')) {
    return 'expression';
  }
  return value.startsWith('@{') ? 'block' : undefined;
}

interface ScannedPolicy {
  readonly expressions: PolicyExpression[];
  /** `set-variable` values that are literals, by variable name (the location of each). */
  readonly literalWrites: Array<{ readonly variable: string; readonly location: string }>;
}

/** Walks a rendered policy: its expressions, and which of them (or which literals) `set-variable` writes. */
function scanPolicy(policy: string, xml: string): ScannedPolicy {
  const scanned: ScannedPolicy = { expressions: [], literalWrites: [] };
  const add = (location: string, raw: string, variable?: string) => {
    const source = raw.trim();
    const kind = expressionKind(source);
    if (kind !== undefined) {
      scanned.expressions.push({ policy, location, kind, source, ...(variable === undefined ? {} : { variable }) });
    } else if (variable !== undefined) {
      scanned.literalWrites.push({ variable, location });
    }
  };
  const walkXml = (nodes: ParsedXml, path: readonly string[]) => {
    const names = nodes.map((node) => Object.keys(node).find((key) => key !== ':@' && !key.startsWith('#')));
    const seen = new Map<string, number>();
    nodes.forEach((node, index) => {
      const name = names[index];
      if (name === undefined) {
        return;
      }
      const position = (seen.get(name) ?? 0) + 1;
      seen.set(name, position);
      const step = names.filter((other) => other === name).length > 1 ? `${name}[${position}]` : name;
      const here = name === 'policies' && path.length === 0 ? [] : [...path, step];
      const attributes = (node[':@'] ?? {}) as Record<string, unknown>;
      const variable = name === 'set-variable' && typeof attributes.name === 'string' ? decodeEntities(attributes.name) : undefined;
      for (const [attribute, value] of Object.entries(attributes)) {
        if (typeof value === 'string') {
          add([...here, `@${attribute}`].join('/'), decodeEntities(value), attribute === 'value' ? variable : undefined);
        }
      }
      const children = node[name] as ParsedXml;
      const text = children
        .map((child) => {
          if (typeof child['#text'] === 'string') {
            return decodeEntities(child['#text']);
          }
          const cdata = child['#cdata'] as ParsedXml | undefined;
          return cdata?.map((part) => String(part['#text'] ?? '')).join('') ?? '';
        })
        .join('');
      add(here.join('/'), text);
      walkXml(children, here);
    });
  };
  walkXml(new XMLParser(XML_OPTIONS).parse(xml) as ParsedXml, []);
  return scanned;
}

/** Every policy expression of a rendered policy document, in document order. */
export function extractExpressions(policy: string, xml: string): PolicyExpression[] {
  return scanPolicy(policy, xml).expressions;
}

/** The C# parser. Load it once (`loadExpressionParser`) and reuse it: loading the grammar dominates the cost. */
export interface ExpressionParser {
  readonly parser: Parser;
}

let loading: Promise<ExpressionParser> | undefined;

/** Loads tree-sitter's C# grammar (the WebAssembly build shipped in the tree-sitter-c-sharp package) once. */
export function loadExpressionParser(): Promise<ExpressionParser> {
  loading ??= (async () => {
    await Parser.init();
    const wasm = join(dirname(require.resolve('tree-sitter-c-sharp/package.json')), 'tree-sitter-c_sharp.wasm');
    const language = await Language.load(readFileSync(wasm));
    const parser = new Parser();
    parser.setLanguage(language);
    return { parser };
  })();
  return loading;
}

// --- names and types -----------------------------------------------------------------------------------------------

const SUFFIXES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const names = [...Object.keys(ALLOWED_TYPES), ...Object.values(PREDEFINED_TYPES)];
  for (const full of names) {
    const segments = full.split('.');
    for (let start = 0; start < segments.length; start += 1) {
      const suffix = segments.slice(start).join('.');
      if (!map.has(suffix)) {
        map.set(suffix, full);
      }
    }
  }
  for (const name of CONTEXT_VALUE_TYPES) {
    map.set(name, name);
  }
  return map;
})();

const KEYWORD_OF: ReadonlyMap<string, string> = new Map(Object.entries(PREDEFINED_TYPES).map(([keyword, full]) => [full, keyword]));

/**
 * The allowed type a (possibly namespace-qualified) name stands for, by its full name. Policy expressions are
 * compiled with the namespaces of the allowed types imported (the reference's examples write `Regex`, `JObject` and
 * `Encoding` unqualified), so any trailing part of a full name resolves to it.
 */
function resolveType(dotted: string): string | undefined {
  return SUFFIXES.get(dotted);
}

/** Value types and string: a boxed value of one of them reads back only as exactly that type. */
const EXACT_TYPES = new Set([
  ...Object.keys(PREDEFINED_TYPES).filter((keyword) => keyword !== 'object'),
  'Guid',
  'DateTime',
  'DateTimeOffset',
  'TimeSpan',
]);

/** A type as one comparable string: C# keywords for the built-in types, the simple name for the others. */
function canonicalName(dotted: string): string {
  if (Object.prototype.hasOwnProperty.call(PREDEFINED_TYPES, dotted)) {
    return dotted;
  }
  const full = resolveType(dotted);
  if (full === undefined) {
    return dotted;
  }
  return KEYWORD_OF.get(full) ?? (full.split('.').pop() as string);
}

function dottedName(node: Node): string {
  switch (node.type) {
    case 'qualified_name':
      return `${dottedName(node.childForFieldName('qualifier') as Node)}.${dottedName(node.childForFieldName('name') as Node)}`;
    case 'generic_name':
      return (node.namedChildren.find((child) => child?.type === 'identifier') as Node).text;
    default:
      return node.text.replace(/\s+/g, '');
  }
}

function typeArguments(node: Node): Node[] {
  const generic = node.type === 'qualified_name' ? node.childForFieldName('name') : node;
  const list = generic?.type === 'generic_name' ? generic.namedChildren.find((child) => child?.type === 'type_argument_list') : undefined;
  return (list?.namedChildren ?? []).filter((child): child is Node => child !== null);
}

function canonicalType(node: Node): string {
  switch (node.type) {
    case 'predefined_type':
      return node.text;
    case 'array_type':
      return `${canonicalType(node.childForFieldName('type') as Node)}[]`;
    case 'nullable_type':
      return `${canonicalType(node.childForFieldName('type') as Node)}?`;
    case 'identifier':
    case 'qualified_name':
    case 'generic_name': {
      const args = typeArguments(node);
      const base = canonicalName(dottedName(node));
      return args.length === 0 ? base : `${base}<${args.map(canonicalType).join(', ')}>`;
    }
    default:
      return node.text.replace(/\s+/g, '');
  }
}

function supports(members: SupportedMembers, member: string): boolean {
  if (members === 'all') {
    return true;
  }
  return 'only' in members ? members.only.includes(member) : !members.except.includes(member);
}

// --- the analysis of one expression --------------------------------------------------------------------------------

interface VariableRead {
  readonly name: string;
  readonly type: string;
  readonly problemAt: (problem: string) => string;
}

interface Analysis {
  readonly problems: string[];
  readonly reads: VariableRead[];
  /** The type the expression evaluates to, where it is obvious. */
  readonly type: string | undefined;
}

const TYPE_FIELD_OWNERS = new Set([
  'array_creation_expression',
  'cast_expression',
  'catch_declaration',
  'declaration_expression',
  'declaration_pattern',
  'default_expression',
  'foreach_statement',
  'from_clause',
  'join_clause',
  'lambda_expression',
  'local_function_statement',
  'object_creation_expression',
  'parameter',
  'sizeof_expression',
  'type_pattern',
  'typeof_expression',
  'variable_declaration',
]);

/** Nodes whose named children are all names or types, never expressions. */
const NAME_CONTAINERS = new Set([
  'qualified_name',
  'generic_name',
  'alias_qualified_name',
  'type_argument_list',
  'array_type',
  'nullable_type',
  'tuple_element',
  'type_parameter_list',
  'label_statement',
  'goto_statement',
  'let_clause',
  'join_clause',
  'query_continuation',
  'attribute',
]);

const BOOL_OPERATORS = new Set(['==', '!=', '<', '>', '<=', '>=', '&&', '||']);
const NUMERIC = new Set(['int', 'long', 'uint', 'ulong', 'short', 'ushort', 'byte', 'sbyte', 'double', 'float', 'decimal']);
const STRING_METHODS = new Set([
  'ToString',
  'ToLower',
  'ToLowerInvariant',
  'ToUpper',
  'ToUpperInvariant',
  'Trim',
  'TrimStart',
  'TrimEnd',
  'Substring',
  'PadLeft',
  'PadRight',
]);
const BOOL_METHODS = new Set(['Contains', 'ContainsKey', 'StartsWith', 'EndsWith', 'Equals', 'IsMatch', 'Any', 'All', 'TryGetValue']);
const STATIC_STRING_METHODS = new Set(['Format', 'Join', 'Concat']);
/** Names the C# compiler knows without a declaration. */
const CONTEXTUAL_NAMES = new Set(['nameof']);

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.namedChildren) {
    if (child !== null) {
      walk(child, visit);
    }
  }
}

function same(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && a.id === b.id;
}

function unparenthesized(node: Node | null): Node | null {
  let current = node;
  while (current?.type === 'parenthesized_expression') {
    current = current.namedChildren[0] ?? null;
  }
  return current;
}

/** The text of a regular or verbatim string literal without escapes, or undefined for anything else. */
function literalString(node: Node | null): string | undefined {
  const literal = unparenthesized(node);
  if (literal?.type === 'string_literal' && !literal.namedChildren.some((child) => child?.type === 'escape_sequence')) {
    return literal.text.slice(1, -1);
  }
  if (literal?.type === 'verbatim_string_literal' && !literal.text.slice(2, -1).includes('"')) {
    return literal.text.slice(2, -1);
  }
  return undefined;
}

function firstArgument(list: Node | null): Node | null {
  const argument = list?.namedChildren.find((child) => child?.type === 'argument');
  return argument?.namedChildren.at(-1) ?? null;
}

interface ChainLink {
  readonly name: string;
  readonly node: Node;
}

/** The member names that follow an expression, climbing `a.b`, `a?.b` and `a.b<T>` up the tree. */
function memberChain(start: Node): ChainLink[] {
  const links: ChainLink[] = [];
  let current = start;
  for (;;) {
    const parent = current.parent;
    if (parent?.type === 'member_access_expression' && same(parent.childForFieldName('expression'), current)) {
      const name = parent.childForFieldName('name') as Node;
      links.push({ name: dottedName(name), node: name });
      current = parent;
    } else if (parent?.type === 'conditional_access_expression' && same(parent.childForFieldName('condition'), current)) {
      const binding = parent.namedChildren.find((child) => child?.type === 'member_binding_expression');
      if (!binding) {
        break;
      }
      const name = binding.childForFieldName('name') as Node;
      links.push({ name: dottedName(name), node: name });
      current = parent;
    } else {
      break;
    }
  }
  return links;
}

class ExpressionAnalyzer {
  readonly problems: string[] = [];
  readonly reads: VariableRead[] = [];
  private readonly locals = new Set<string>();
  /** The result type of each `context...` member access reached through documented context types. */
  private readonly contextTypes = new Map<number, string>();

  constructor(
    private readonly root: Node,
    private readonly at: (node: Node, problem: string) => string,
  ) {}

  run(): void {
    walk(this.root, (node) => this.collectLocal(node));
    walk(this.root, (node) => this.visit(node));
  }

  private report(node: Node, problem: string): void {
    this.problems.push(this.at(node, problem));
  }

  private collectLocal(node: Node): void {
    if (node.type === 'implicit_parameter') {
      this.locals.add(node.text);
      return;
    }
    const field = node.type === 'foreach_statement' ? 'left' : 'name';
    const named = [
      'variable_declarator',
      'parameter',
      'declaration_expression',
      'declaration_pattern',
      'var_pattern',
      'catch_declaration',
      'from_clause',
      'foreach_statement',
    ].includes(node.type)
      ? node.childForFieldName(field)
      : null;
    if (named?.type === 'identifier') {
      this.locals.add(named.text);
    }
    if ((node.type === 'let_clause' || node.type === 'join_clause') && node.namedChildren[0]?.type === 'identifier') {
      this.locals.add(node.namedChildren[0].text);
    }
  }

  private visit(node: Node): void {
    const newer = SYNTAX_AFTER_CSHARP_7[node.type];
    if (newer !== undefined) {
      this.report(node, `${newer} does not compile: policy expressions are C# 7`);
    }
    if (node.type === 'assignment_expression' && node.childForFieldName('operator')?.text === '??=') {
      this.report(node, '"??=" (C# 8) does not compile: policy expressions are C# 7');
    }
    if (TYPE_FIELD_OWNERS.has(node.type)) {
      this.checkType(node.childForFieldName('type'));
    }
    if (node.type === 'as_expression' || node.type === 'is_expression') {
      this.checkType(node.childForFieldName('right'));
    }
    if (node.type === 'type_argument_list') {
      node.namedChildren.forEach((child) => this.checkType(child));
    }
    if (node.type === 'object_creation_expression') {
      this.checkConstructor(node.childForFieldName('type'));
    }
    if (node.type === 'identifier') {
      this.checkName(node);
    }
    this.collectRead(node);
  }

  private checkType(node: Node | null): void {
    if (node === null) {
      return;
    }
    switch (node.type) {
      case 'predefined_type':
      case 'implicit_type':
        return;
      case 'array_type':
      case 'nullable_type':
        this.checkType(node.childForFieldName('type'));
        return;
      case 'tuple_type':
        node.namedChildren.forEach((element) => this.checkType(element?.childForFieldName('type') ?? null));
        return;
      case 'identifier':
      case 'qualified_name':
      case 'generic_name':
        if (resolveType(dottedName(node)) === undefined) {
          this.report(node, `type "${dottedName(node)}" is not one of the .NET types policy expressions allow`);
        }
        return;
      default:
        this.report(node, `type "${node.text}" is not one of the .NET types policy expressions allow`);
    }
  }

  private checkConstructor(type: Node | null): void {
    const full = type === null ? undefined : resolveType(dottedName(type));
    const members = full === undefined ? undefined : ALLOWED_TYPES[full];
    if (type !== null && members !== undefined && !supports(members, '(Constructor)')) {
      this.report(type, `"new ${dottedName(type)}(...)": the reference allows only ${describe(members)} of ${full}`);
    }
  }

  private checkName(node: Node): void {
    const parent = node.parent;
    if (parent === null || NAME_CONTAINERS.has(parent.type)) {
      return;
    }
    const field = ['name', 'type', 'left', 'right'].find((candidate) => same(parent.childForFieldName(candidate), node));
    const notAnExpression =
      field === 'name' ||
      field === 'type' ||
      (field === 'right' && (parent.type === 'as_expression' || parent.type === 'is_expression')) ||
      (field === 'left' && parent.type === 'foreach_statement') ||
      (field === 'left' && parent.type === 'assignment_expression' && parent.parent?.type === 'initializer_expression');
    if (notAnExpression) {
      return;
    }
    const name = node.text;
    if (this.locals.has(name) || CONTEXTUAL_NAMES.has(name)) {
      return;
    }
    if (name === 'context') {
      this.checkContext(node);
      return;
    }
    const links = memberChain(node);
    const segments = [name, ...links.map((link) => link.name)];
    for (let length = 1; length <= segments.length; length += 1) {
      const full = resolveType(segments.slice(0, length).join('.'));
      if (full !== undefined) {
        const member = links[length - 1];
        const members = ALLOWED_TYPES[full];
        if (member !== undefined && members !== undefined && !supports(members, member.name)) {
          this.report(
            member.node,
            `"${segments.slice(0, length + 1).join('.')}" is not allowed: the reference allows only ${describe(members)}`,
          );
        }
        return;
      }
    }
    if (links.length === 0) {
      this.report(node, `"${name}" is not declared: only locals, "context" and the allowed .NET types can be named`);
    } else {
      const type = segments.slice(0, -1).join('.');
      this.report(node, `"${type}" is not one of the .NET types policy expressions allow (used as "${segments.join('.')}")`);
    }
  }

  private checkContext(node: Node): void {
    const links = memberChain(node);
    let type = 'context';
    let path = 'context';
    for (const link of links) {
      const members = CONTEXT_TYPES[type];
      if (members === undefined) {
        return;
      }
      const next = members[link.name];
      if (next === undefined) {
        this.report(
          link.node,
          `"${path}.${link.name}" is not a documented member of ${path} (documented: ${Object.keys(members).join(', ')})`,
        );
        return;
      }
      if (type === 'IMessageBody' && link.name === 'As') {
        this.checkBodyType(link.node);
      }
      path = `${path}.${link.name}`;
      type = next;
      const access = link.node.parent;
      if (access !== null) {
        this.contextTypes.set(access.id, next);
      }
    }
  }

  private checkBodyType(name: Node): void {
    const args = typeArguments(name);
    const type = args[0] === undefined ? undefined : canonicalType(args[0]);
    if (type === undefined || !MESSAGE_BODY_TYPES.includes(type)) {
      this.report(name, `Body.As<${type ?? ''}> reads a body only as ${MESSAGE_BODY_TYPES.join(', ')}`);
    }
  }

  private isContextVariables(node: Node | null): boolean {
    return (
      node?.type === 'member_access_expression' &&
      node.childForFieldName('expression')?.text === 'context' &&
      node.childForFieldName('name')?.text === 'Variables' &&
      !this.locals.has('context')
    );
  }

  private collectRead(node: Node): void {
    const record = (nameNode: Node | null, type: Node | null | undefined, at: Node) => {
      const name = literalString(nameNode);
      if (name !== undefined && type) {
        this.reads.push({ name, type: canonicalType(type), problemAt: (problem) => this.at(at, problem) });
      }
    };
    if (node.type === 'invocation_expression') {
      const fn = node.childForFieldName('function');
      const method = fn?.type === 'member_access_expression' ? fn.childForFieldName('name') : null;
      if (
        method?.type === 'generic_name' &&
        dottedName(method) === 'GetValueOrDefault' &&
        this.isContextVariables(fn?.childForFieldName('expression') ?? null)
      ) {
        record(firstArgument(node.childForFieldName('arguments')), typeArguments(method)[0], node);
      }
    }
    const element = (value: Node | null) => {
      const access = unparenthesized(value);
      return access?.type === 'element_access_expression' && this.isContextVariables(access.childForFieldName('expression'))
        ? firstArgument(access.childForFieldName('subscript'))
        : undefined;
    };
    if (node.type === 'cast_expression') {
      const name = element(node.childForFieldName('value'));
      if (name !== undefined) {
        record(name, node.childForFieldName('type'), node);
      }
    }
    if (node.type === 'as_expression') {
      const name = element(node.childForFieldName('left'));
      if (name !== undefined) {
        record(name, node.childForFieldName('right'), node);
      }
    }
  }

  /** The type an expression evaluates to, where it is obvious; undefined otherwise. */
  typeOf(node: Node | null): string | undefined {
    if (node === null) {
      return undefined;
    }
    switch (node.type) {
      case 'parenthesized_expression':
        return this.typeOf(node.namedChildren[0] ?? null);
      case 'string_literal':
      case 'verbatim_string_literal':
      case 'interpolated_string_expression':
        return 'string';
      case 'character_literal':
        return 'char';
      case 'boolean_literal':
        return 'bool';
      case 'integer_literal':
        return /(?:ul|lu)$/i.test(node.text) ? 'ulong' : /l$/i.test(node.text) ? 'long' : /u$/i.test(node.text) ? 'uint' : 'int';
      case 'real_literal':
        return /m$/i.test(node.text) ? 'decimal' : /f$/i.test(node.text) ? 'float' : 'double';
      case 'cast_expression':
      case 'object_creation_expression': {
        const type = node.childForFieldName('type');
        return type === null ? undefined : canonicalType(type);
      }
      case 'as_expression': {
        const type = node.childForFieldName('right');
        return type === null ? undefined : canonicalType(type);
      }
      case 'is_expression':
      case 'is_pattern_expression':
        return 'bool';
      case 'prefix_unary_expression': {
        const operand = node.namedChildren[0] ?? null;
        return node.text.startsWith('!') ? 'bool' : this.typeOf(operand);
      }
      case 'binary_expression':
        return this.binaryType(node);
      case 'conditional_expression': {
        const consequence = this.typeOf(node.childForFieldName('consequence'));
        return consequence === this.typeOf(node.childForFieldName('alternative')) ? consequence : undefined;
      }
      case 'member_access_expression':
        return (
          this.contextTypes.get(node.id) ??
          (dottedName(node.childForFieldName('name') as Node) === 'Length' && this.typeOf(node.childForFieldName('expression')) === 'string'
            ? 'int'
            : undefined)
        );
      case 'invocation_expression':
        return this.invocationType(node);
      default:
        return undefined;
    }
  }

  private binaryType(node: Node): string | undefined {
    const operator = node.childForFieldName('operator')?.text ?? '';
    if (BOOL_OPERATORS.has(operator)) {
      return 'bool';
    }
    const left = this.typeOf(node.childForFieldName('left'));
    const right = this.typeOf(node.childForFieldName('right'));
    if (operator === '+' && (left === 'string' || right === 'string')) {
      return 'string';
    }
    return left !== undefined && left === right && NUMERIC.has(left) && ['+', '-', '*', '/', '%'].includes(operator) ? left : undefined;
  }

  private invocationType(node: Node): string | undefined {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'member_access_expression') {
      return undefined;
    }
    const method = fn.childForFieldName('name') as Node;
    const name = dottedName(method);
    const receiver = fn.childForFieldName('expression');
    if (name === 'GetValueOrDefault' && this.isContextVariables(receiver)) {
      const type = typeArguments(method)[0];
      return type === undefined ? undefined : canonicalType(type);
    }
    if (name === 'ToString' || (STRING_METHODS.has(name) && this.typeOf(receiver) === 'string')) {
      return 'string';
    }
    if (BOOL_METHODS.has(name)) {
      return 'bool';
    }
    const staticType =
      receiver === null ? undefined : receiver.type === 'predefined_type' ? receiver.text : canonicalName(dottedName(receiver));
    if (staticType === 'string' && STATIC_STRING_METHODS.has(name)) {
      return 'string';
    }
    if (name === 'Parse' && staticType !== undefined && (EXACT_TYPES.has(staticType) || staticType === 'string')) {
      return staticType;
    }
    return undefined;
  }
}

function describe(members: SupportedMembers): string {
  if (members === 'all') {
    return 'all members';
  }
  return 'only' in members ? members.only.join(', ') : `every member except ${members.except.join(', ')}`;
}

/**
 * Whether every path through a statement ends in `return` or `throw`: true, false, or undefined where loops, switch
 * or try make it a question for the compiler (not reported).
 */
function alwaysReturns(statement: Node | null): boolean | undefined {
  if (statement === null) {
    return false;
  }
  switch (statement.type) {
    case 'return_statement':
    case 'throw_statement':
      return true;
    case 'block': {
      const statements = statement.namedChildren.filter((child) => child !== null && child.type !== 'comment');
      return alwaysReturns(statements.at(-1) ?? null);
    }
    case 'if_statement': {
      const consequence = alwaysReturns(statement.childForFieldName('consequence'));
      const alternative = alwaysReturns(statement.childForFieldName('alternative'));
      if (consequence === false || alternative === false) {
        return false;
      }
      return consequence === true && alternative === true ? true : undefined;
    }
    case 'while_statement':
    case 'do_statement':
    case 'for_statement':
    case 'foreach_statement':
    case 'switch_statement':
    case 'try_statement':
    case 'using_statement':
    case 'lock_statement':
    case 'labeled_statement':
    case 'goto_statement':
    case 'checked_statement':
      return undefined;
    default:
      return false;
  }
}

/** `return` statements of the block itself, not of lambdas or local functions inside it. */
function ownReturns(node: Node): Node[] {
  const found: Node[] = [];
  const visit = (current: Node) => {
    for (const child of current.namedChildren) {
      if (child === null || ['lambda_expression', 'local_function_statement', 'anonymous_method_expression'].includes(child.type)) {
        continue;
      }
      if (child.type === 'return_statement') {
        found.push(child);
      }
      visit(child);
    }
  };
  visit(node);
  return found;
}

const CLOSER: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * The first unbalanced bracket of C# source, outside string and character literals and comments, as an offset and a
 * problem; undefined when all are balanced. Used to name the cause when the parser can only say where it gave up.
 */
function unbalancedBracket(code: string): { offset: number; problem: string } | undefined {
  const open: Array<{ char: string; offset: number }> = [];
  for (let i = 0; i < code.length; i += 1) {
    const char = code[i] as string;
    if (char === '/' && code[i + 1] === '/') {
      i = code.indexOf('\n', i) < 0 ? code.length : code.indexOf('\n', i);
    } else if (char === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i + 2) < 0 ? code.length : code.indexOf('*/', i + 2) + 1;
    } else if (char === '"' || char === "'") {
      // A verbatim string (@"...") doubles its quotes and has no escapes; the others escape with a backslash.
      const verbatim = code[i - 1] === '@' || (code[i - 1] === '$' && code[i - 2] === '@') || (code[i - 1] === '@' && code[i - 2] === '$');
      let j = i + 1;
      while (j < code.length && !(code[j] === char && !(verbatim && code[j + 1] === char))) {
        j += verbatim && code[j] === char ? 2 : !verbatim && code[j] === '\\' ? 2 : 1;
      }
      i = j;
    } else if (char in CLOSER) {
      open.push({ char, offset: i });
    } else if (char === ')' || char === ']' || char === '}') {
      const last = open.pop();
      if (last === undefined || CLOSER[last.char] !== char) {
        return { offset: i, problem: `syntax error: "${char}" closes ${last === undefined ? 'nothing' : `"${last.char}"`}` };
      }
    }
  }
  const unclosed = open.pop();
  return unclosed === undefined ? undefined : { offset: unclosed.offset, problem: `syntax error: "${unclosed.char}" is never closed` };
}

function preview(source: string): string {
  const flat = source.replace(/\s+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

function analyze(parser: Parser, expression: PolicyExpression): Analysis {
  const inner = expression.source.slice(2, -1);
  // The method body: row 0 holds the opening, rows 1..n the expression's lines, so positions map back directly.
  const code = expression.kind === 'expression' ? `{ return (\n${inner}\n); }` : `{\n${inner}\n}`;
  const wrapped = `class C { object M() ${code} }`;
  const lines = inner.split('\n');
  const where = `Policy "${expression.policy}" ${expression.location}`;
  // Positions count characters of the expression as written, "@(" or "@{" included.
  const located = (row: number, offset: number, problem: string) =>
    `${where} (line ${row + 1}, column ${offset + 1 + (row === 0 ? 2 : 0)}): ${problem}: ${preview(expression.source)}`;
  const at = (node: Node, problem: string) => {
    // Row 1 of the wrapped text is line 1 of the expression; columns there count bytes.
    const row = Math.min(Math.max(node.startPosition.row - 1, 0), lines.length - 1);
    const line = lines[row] as string;
    const offset =
      node.startPosition.row < 1
        ? 0
        : node.startPosition.row > lines.length
          ? line.length
          : Buffer.from(line).subarray(0, node.startPosition.column).toString().length;
    return located(row, offset, problem);
  };
  const whole = `${where}: `;
  const failed = (problem: string): Analysis => ({ problems: [problem], reads: [], type: undefined });
  const closing = expression.kind === 'expression' ? ')' : '}';
  if (!expression.source.endsWith(closing)) {
    return failed(`${whole}the expression does not end with "${closing}": ${preview(expression.source)}`);
  }

  const tree = parser.parse(wrapped);
  if (tree === null) {
    throw new Error('the C# parser returned no tree');
  }
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      let first: Node | undefined;
      walk(root, (node) => {
        first ??= node.isError || node.isMissing ? node : undefined;
      });
      const broken = first ?? root;
      const bracket = unbalancedBracket(inner);
      if (bracket !== undefined) {
        const before = inner.slice(0, bracket.offset).split('\n');
        return failed(located(before.length - 1, (before.at(-1) as string).length, bracket.problem));
      }
      const inside = broken.startPosition.row >= 1 && broken.startPosition.row <= lines.length;
      const problem = broken.isMissing
        ? `syntax error: missing "${broken.type}"`
        : inside
          ? `syntax error at "${preview(broken.text).slice(0, 40)}"`
          : 'syntax error: not a complete C# expression';
      return failed(at(broken, problem));
    }
    // Parsed without error, the wrapper must still hold exactly one method whose body is exactly the expression
    // (`@(a) + (b)` parses as `return (a) + (b);`, and `@{ ... } void N() { ... }` as two methods).
    const members = root.descendantsOfType('declaration_list')[0]?.namedChildren ?? [];
    const body = members[0]?.childForFieldName('body') ?? null;
    const statements = body?.namedChildren.filter((child): child is Node => child !== null) ?? [];
    const single = expression.kind === 'expression' ? statements[0]?.namedChildren[0] : undefined;
    const enclosed =
      expression.kind === 'expression'
        ? statements.length === 1 && single?.type === 'parenthesized_expression' && single.text === `(\n${inner}\n)`
        : members.length === 1 && body?.text === code;
    if (body === null || !enclosed) {
      const problem =
        expression.kind === 'expression'
          ? 'the expression closes before its end ("@(" ... ")" must enclose one C# expression)'
          : 'the block closes before its end';
      return failed(`${whole}${problem}: ${preview(expression.source)}`);
    }
    const analyzer = new ExpressionAnalyzer(body, at);
    analyzer.run();
    if (expression.kind === 'block' && alwaysReturns(body) === false) {
      analyzer.problems.push(`${whole}not every path of the block ends with "return": ${preview(expression.source)}`);
    }
    let type: string | undefined;
    if (expression.kind === 'expression') {
      type = analyzer.typeOf(single ?? null);
    } else {
      const types = ownReturns(body).map((statement) => analyzer.typeOf(statement.namedChildren[0] ?? null));
      type = types.length > 0 && types.every((candidate) => candidate !== undefined && candidate === types[0]) ? types[0] : undefined;
    }
    return { problems: analyzer.problems, reads: analyzer.reads, type };
  } finally {
    tree.delete();
  }
}

interface VariableWrite {
  readonly where: string;
  readonly type: string | undefined;
}

/**
 * Checks every expression of policies that run in one request (an API's policy and the product policies of its
 * products): syntax, names and types, and `context.Variables` reads against the `set-variable` writes of all of
 * them.
 */
export function checkPolicyExpressions(parser: ExpressionParser, policies: readonly RenderedPolicy[]): ExpressionReport {
  const violations: string[] = [];
  const reads: VariableRead[] = [];
  const writes = new Map<string, VariableWrite[]>();
  const write = (variable: string, where: string, type: string | undefined) => {
    writes.set(variable, [...(writes.get(variable) ?? []), { where, type }]);
  };
  let count = 0;
  for (const policy of policies) {
    const scanned = scanPolicy(policy.name, policy.xml);
    for (const expression of scanned.expressions) {
      count += 1;
      const analysis = analyze(parser.parser, expression);
      violations.push(...analysis.problems);
      reads.push(...analysis.reads);
      if (expression.variable !== undefined) {
        write(expression.variable, `${policy.name} ${expression.location}`, analysis.type);
      }
    }
    for (const literal of scanned.literalWrites) {
      write(literal.variable, `${policy.name} ${literal.location}`, SET_VARIABLE_LITERAL_TYPE);
    }
  }
  for (const read of reads) {
    for (const { where, type } of writes.get(read.name) ?? []) {
      // Reference types other than string may be read as a base type, and a value type as its nullable form.
      if (type === undefined || !EXACT_TYPES.has(type) || read.type === 'object' || read.type === `${type}?`) {
        continue;
      }
      if (read.type !== type) {
        violations.push(read.problemAt(`reads variable "${read.name}" as ${read.type}, but set-variable at ${where} writes ${type}`));
      }
    }
  }
  return { expressions: count, violations };
}
