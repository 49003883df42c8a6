import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { SecretRefError } from './config-error.js';
import { expandConfigPath } from './config-file-path.js';
import type { ConfigIssue, ConfigPath } from './config-issue.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The one secret provider this channel resolves; a ref may also leave `provider` out. */
export const DEFAULT_SECRET_PROVIDER = 'default';

/**
 * Why a ref's `provider` cannot be resolved here, or undefined when it can. The one rule, and the one sentence,
 * behind both the schema (so `validateConfig` and the JSON Schema refuse it) and `resolveSecretRef`, so that
 * validation and resolution cannot disagree (issue 14).
 *
 * Only `default` is resolved: OpenClaw's named providers are defined in its own `secrets.providers` section,
 * which this channel does not own (its `file` providers read JSON pointers out of a provider's file, its `exec`
 * providers run trusted programs), and OpenClaw hands the channel its config with refs as written.
 */
export function secretProviderProblem(provider: unknown): string | undefined {
  if (provider === undefined || provider === DEFAULT_SECRET_PROVIDER) return undefined;
  const named =
    typeof provider === 'string' ? `provider ${JSON.stringify(provider)}` : 'a provider that is not a name';
  return `names ${named}, which this channel cannot resolve; use provider "default" (or leave it out): an env ref reads the variable its id names, a file ref the file at its id`;
}

const provider = z
  .literal(DEFAULT_SECRET_PROVIDER, { error: (issue) => `secret ref ${secretProviderProblem(issue.input)}` })
  .optional()
  .meta({ description: 'Secret provider; this channel resolves "default" only.', default: 'default' });

/** `{ source: "env", provider: "default", id: "TWILIO_AUTH_TOKEN" }`: the secret is that environment variable. */
export const envSecretRefSchema = z.strictObject({
  source: z.literal('env'),
  provider,
  id: z.string().regex(ENV_NAME, {
    error: 'an env secret ref id must be an environment variable name, e.g. "TWILIO_AUTH_TOKEN"',
  }),
});

/** `{ source: "file", provider: "default", id: "/run/secrets/twilio" }`: the secret is the file's content. */
export const fileSecretRefSchema = z.strictObject({
  source: z.literal('file'),
  provider,
  id: z.string().min(1, { error: 'a file secret ref id must be the path of a file holding the secret' }),
});

/** A reference to a secret kept outside the config file. */
export const secretRefSchema = z.discriminatedUnion('source', [envSecretRefSchema, fileSecretRefSchema], {
  error: (issue) => {
    const source =
      typeof issue.input === 'object' && issue.input !== null
        ? Reflect.get(issue.input, 'source')
        : undefined;
    const given = source === undefined ? 'no source' : `source ${JSON.stringify(source)}`;
    return `a secret ref needs source "env" or "file", not ${given}`;
  },
});

export type SecretRef = z.infer<typeof secretRefSchema>;

/** Where secret refs are looked up. */
export interface SecretRefContext {
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative `file` refs are resolved against. @default process.cwd() */
  baseDir?: string;
}

export interface ResolvedSecret {
  value: string;
  warnings: ConfigIssue[];
}

function describeRef(ref: SecretRef): { source: string; provider: string; id: string } {
  return { source: ref.source, provider: String(ref.provider ?? DEFAULT_SECRET_PROVIDER), id: ref.id };
}

function readSecretFile(ref: SecretRef, path: ConfigPath, file: string): ResolvedSecret {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail =
      code === 'ENOENT' ? `points to ${file}, which does not exist` : `cannot be read from ${file}`;
    throw new SecretRefError(describeRef(ref), path, `${detail}; write the secret in that file`, error);
  }
  // Editors and `echo` add a trailing newline that is not part of the secret.
  const value = text.replace(/[\r\n]+$/, '');
  if (value === '') throw new SecretRefError(describeRef(ref), path, `points to ${file}, which is empty`);
  const warnings: ConfigIssue[] = [];
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warnings.push({
      path,
      severity: 'warning',
      message: `secret file ${file} can be read by other users; restrict it with chmod 600`,
    });
  }
  return { value, warnings };
}

/**
 * Reads the secret a ref points to. Throws `SecretRefError` (naming the ref and `path`) when the ref names a
 * provider other than "default" (the same words `validateConfig` uses), the env var is unset or empty, or the
 * file is missing, unreadable or empty.
 */
export function resolveSecretRef(
  ref: SecretRef,
  path: ConfigPath,
  context: SecretRefContext,
): ResolvedSecret {
  const providerProblem = secretProviderProblem(ref.provider);
  if (providerProblem !== undefined) throw new SecretRefError(describeRef(ref), path, providerProblem);
  if (ref.source === 'file') return readSecretFile(ref, path, expandConfigPath(ref.id, context.baseDir));
  const value = context.env[ref.id];
  if (value === undefined || value === '') {
    const state = value === undefined ? 'is not set' : 'is empty';
    throw new SecretRefError(describeRef(ref), path, `needs environment variable ${ref.id}, which ${state}`);
  }
  return { value, warnings: [] };
}
