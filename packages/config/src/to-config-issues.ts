import { z } from 'zod';
import type { ConfigIssue, ConfigPath } from './config-issue.js';
import { suggestKey } from './suggest-key.js';

/**
 * Turns zod issues into `ConfigIssue`s: paths made absolute, one issue per unknown key (with the closest
 * valid key, or the list of valid keys), and union failures replaced by the failure of the branch the value
 * was clearly meant for. Exported so an app validating its own sections gets the same kind of messages.
 */
export function toConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  basePath: ConfigPath = [],
): ConfigIssue[] {
  return issues.flatMap((issue) => convert(issue, schema, basePath, []));
}

function convert(
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
  basePath: ConfigPath,
  unionPath: readonly PropertyKey[],
): ConfigIssue[] {
  const relative = [...unionPath, ...issue.path].filter(isPathSegment);
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, relative);
    return issue.keys.map((key) => ({
      path: [...basePath, ...relative, key],
      severity: 'error' as const,
      message: unknownKeyMessage(key, known),
    }));
  }
  if (issue.code === 'invalid_union') {
    const branch = issue.errors.find((errors) => errors.length > 0 && !errors.every(isRootTypeMismatch));
    if (branch !== undefined) return branch.flatMap((inner) => convert(inner, schema, basePath, relative));
  }
  if (issue.code === 'invalid_key') {
    // A record key that fails its own schema: its message says what a key must look like.
    const message = issue.issues.map((inner) => inner.message).join('; ') || issue.message;
    return [{ path: [...basePath, ...relative], severity: 'error', message }];
  }
  return [{ path: [...basePath, ...relative], severity: 'error', message: issue.message }];
}

function isPathSegment(segment: PropertyKey): segment is string | number {
  return typeof segment === 'string' || typeof segment === 'number';
}

/** A branch that failed only because the value has another type was not the branch the value was meant for. */
function isRootTypeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && issue.code === 'invalid_type';
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = suggestKey(key, known);
  if (suggestion !== undefined) return `unknown key "${key}"; did you mean "${suggestion}"?`;
  if (known.length === 0) return `unknown key "${key}"`;
  return `unknown key "${key}"; valid keys here: ${known.join(', ')}`;
}

/** The keys the object schema(s) at `path` accept, found by walking the schema. */
function keysAt(schema: z.core.$ZodType, path: readonly (string | number)[]): string[] {
  let nodes = [schema];
  for (const segment of path) nodes = nodes.flatMap((node) => childrenOf(unwrap(node), segment));
  const keys = new Set<string>();
  for (const node of nodes) {
    for (const object of objectsIn(unwrap(node))) for (const key of Object.keys(object.shape)) keys.add(key);
  }
  return [...keys];
}

function unwrap(node: z.core.$ZodType): z.core.$ZodType {
  let current = node;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault
    ) {
      current = current.unwrap();
    } else if (current instanceof z.ZodPipe) {
      current = current.in;
    } else if (current instanceof z.ZodLazy) {
      current = current.unwrap();
    } else {
      return current;
    }
  }
}

function childrenOf(node: z.core.$ZodType, segment: string | number): z.core.$ZodType[] {
  if (node instanceof z.ZodObject) {
    const child: z.core.$ZodType | undefined = node.shape[String(segment)];
    return child === undefined ? [] : [child];
  }
  if (node instanceof z.ZodRecord) return [node.valueType];
  if (node instanceof z.ZodArray) return [node.element];
  if (node instanceof z.ZodUnion)
    return node.options.flatMap((option: z.core.$ZodType) => childrenOf(unwrap(option), segment));
  return [];
}

function objectsIn(node: z.core.$ZodType): z.ZodObject[] {
  if (node instanceof z.ZodObject) return [node];
  if (node instanceof z.ZodUnion)
    return node.options.flatMap((option: z.core.$ZodType) => objectsIn(unwrap(option)));
  return [];
}
