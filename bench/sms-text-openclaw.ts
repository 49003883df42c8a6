/**
 * @module bench/sms-text-openclaw
 * OpenClaw's SMS text converter, from an installed OpenClaw host (`scripts/openclaw/setup-host.sh`), for the
 * sms-text benchmarks to compare against. `@openclaw/sms` 2026.9.4 turns a reply into SMS parts with the host's
 * `openclaw/plugin-sdk/text-chunking`: `sanitizeAssistantVisibleText`, then `stripMarkdown` (label-and-url links,
 * transcript-role headers marked), CRLF and 3+ newlines collapsed, trimmed, then
 * `renderMarkdownIRChunksWithinLimit` on the plain text with the UTF-16 length as the measure. The same calls are
 * made here with the same options. The host needs Node >= 24, and is loaded read-only from where it is installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A reply to its SMS parts, as the OpenClaw SMS plugin sends them. */
export type OpenClawConverter = (markdown: string, limit?: number) => string[];

export type LoadedOpenClaw =
  | { ok: true; convert: OpenClawConverter; version: string; hostDir: string }
  | { ok: false; reason: string };

/** What `@openclaw/sms` puts before a chunk that starts with an assistant-authored transcript header. */
const TRANSCRIPT_ROLE_PREFIX = '[assistant-authored transcript] ';
/** `@openclaw/sms`'s default `textChunkLimit`. */
const DEFAULT_LIMIT = 1500;

interface TextChunkingSdk {
  sanitizeAssistantVisibleText(text: string): string;
  stripMarkdown(text: string, options: Record<string, unknown>): string;
  renderMarkdownIRChunksWithinLimit(options: {
    ir: { text: string; styles: never[]; links: never[] };
    limit: number;
    assistantTranscriptRoleMessageBoundaries: boolean;
    renderChunk: (chunk: { text: string; annotations?: Array<{ type: string }> }) => string;
    measureRendered: (rendered: string) => number;
  }): Array<{ rendered: string }>;
}

/** Loads the converter from `OPENCLAW_HOST_DIR` (default `<repo>/.cache/openclaw-host`), or says why not. */
export async function loadOpenClawConverter(): Promise<LoadedOpenClaw> {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const hostDir = process.env.OPENCLAW_HOST_DIR ?? path.join(repo, '.cache/openclaw-host');
  const packageDir = path.join(hostDir, 'host/node_modules/openclaw');
  const entry = path.join(packageDir, 'dist/plugin-sdk/text-chunking.js');
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) return { ok: false, reason: `Node ${process.version}: the OpenClaw host needs Node >= 24` };
  if (!existsSync(entry)) {
    return {
      ok: false,
      reason: `no OpenClaw host at ${hostDir} (scripts/openclaw/setup-host.sh installs one)`,
    };
  }
  const sdk = (await import(pathToFileURL(entry).href)) as TextChunkingSdk;
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version?: string;
  };
  const convert: OpenClawConverter = (markdown, limit = DEFAULT_LIMIT) => {
    const text = sdk
      .stripMarkdown(sdk.sanitizeAssistantVisibleText(markdown), {
        assistantTranscriptRoleHeaders: true,
        assistantTranscriptRolePrefix: TRANSCRIPT_ROLE_PREFIX,
        linkStyle: 'label-and-url',
      })
      .replace(/\r\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (text === '') return [];
    return sdk
      .renderMarkdownIRChunksWithinLimit({
        ir: { text, styles: [], links: [] },
        limit: Math.min(limit, 1600),
        assistantTranscriptRoleMessageBoundaries: true,
        renderChunk: (chunk) =>
          chunk.annotations?.some((annotation) => annotation.type === 'assistant_transcript_role')
            ? `${TRANSCRIPT_ROLE_PREFIX}${chunk.text}`
            : chunk.text,
        measureRendered: (rendered) => rendered.length,
      })
      .map(({ rendered }) => rendered)
      .filter(Boolean);
  };
  return { ok: true, convert, version: version ?? 'unknown', hostDir };
}
