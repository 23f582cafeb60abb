import { configJsonSchema } from './config.json-schema.js';

/** One node of the config's JSON Schema: only what walking it needs. */
export interface SchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  items?: SchemaNode;
  required?: string[];
}

let root: SchemaNode | undefined;
/** The config file's JSON Schema (built once). */
export function configSchemaRoot(): SchemaNode {
  return (root ??= configJsonSchema() as SchemaNode);
}

/** A key as its environment variable spells it: `maxFrameBytes` → `MAX_FRAME_BYTES`. */
export function upperSnake(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

/** A key path's environment variable: `limits.token.rate` → `LECTERN_LIMITS__TOKEN__RATE`. */
export function envNameOf(path: readonly (string | number)[]): string {
  return `LECTERN_${path.map((key) => upperSnake(String(key))).join('__')}`;
}

/**
 * The key a variable's segment stands for under `node`: a property by its UPPER_SNAKE name, a record's key (a
 * hall id, lowercase with dashes for underscores: `HALL_B` → `hall-b`), or a list's index. Undefined: no such key.
 */
export function childKey(node: SchemaNode, segment: string): { key: string | number; node: SchemaNode } | undefined {
  const property = Object.entries(node.properties ?? {}).find(([key]) => key !== '$schema' && upperSnake(key) === segment);
  if (property) return { key: property[0], node: property[1] };
  if (typeof node.additionalProperties === 'object' && /^[A-Z0-9_]+$/.test(segment)) {
    return { key: segment.toLowerCase().replace(/_/g, '-'), node: node.additionalProperties };
  }
  if (node.items && /^\d+$/.test(segment)) return { key: Number(segment), node: node.items };
  return undefined;
}

/** A key that takes only text: its value is taken as written, never read as JSON (`LECTERN_DATA=2025`). */
export function takesOnlyText(node: SchemaNode): boolean {
  return node.type === 'string';
}

/** One row of the config reference: a key path with its type, default and description. */
export interface ConfigKey {
  /** e.g. `limits.token.rate`, `obs.halls.<hall>.url`, `webhooks[].url`. */
  path: string;
  type: string;
  default?: unknown;
  description: string;
  /** A key its section must have. */
  required: boolean;
  /** The environment variable that sets it (none for a key under a list). */
  env?: string;
}

function typeText(node: SchemaNode): string {
  if (node.anyOf) return node.anyOf.map(typeText).join(' | ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.type === 'array') return `list of ${node.items ? typeText(node.items) : 'any'}`;
  if (node.type === 'object' && typeof node.additionalProperties === 'object' && !node.properties) return 'map';
  return node.type ?? 'any';
}

/** Every key path of the config, parents before their keys, from the JSON Schema (docs/config-reference.md). */
export function configKeys(node: SchemaNode = configSchemaRoot(), path = '', envPath: string[] | undefined = []): ConfigKey[] {
  const rows: ConfigKey[] = [];
  const here = (child: SchemaNode, childPath: string, childEnv: string[] | undefined, required: boolean) => {
    rows.push({
      path: childPath,
      type: typeText(child),
      ...(child.default !== undefined ? { default: child.default } : {}),
      description: child.description ?? `One entry of ${path}`,
      required,
      ...(childEnv ? { env: `LECTERN_${childEnv.join('__')}` } : {}),
    });
    rows.push(...configKeys(child, childPath, childEnv));
  };
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (key === '$schema' && path !== '') continue;
    const env = key === '$schema' ? undefined : envPath && [...envPath, upperSnake(key)];
    here(child, path ? `${path}.${key}` : key, env, node.required?.includes(key) ?? false);
  }
  if (typeof node.additionalProperties === 'object') {
    const name = path.endsWith('halls') ? 'hall' : 'key';
    here(node.additionalProperties, `${path}.<${name}>`, envPath && [...envPath, `<${name.toUpperCase()}>`], false);
  }
  if (node.items?.properties) rows.push(...configKeys(node.items, `${path}[]`, envPath && [...envPath, '<N>']));
  return rows;
}
