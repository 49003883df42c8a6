/**
 * @module bench/sms-text-corpus
 * The reply corpus of the sms-text benchmarks: realistic assistant replies written for the benchmark
 * (`__fixtures__/sms-replies/`, 80 B to 15 KB: short answers, lists with links, how-tos with code and tables, CJK,
 * Arabic, Greek, emoji, footnotes, nested lists, quotes, e-mail addresses and URLs in code spans...), kept apart
 * from the package's golden fixtures so that the figures hold on text the converter was not tuned against.
 * Plus replies of 1, 4, 16 and 64 KB made of the corpus itself, to show how the cost grows with length.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface CorpusReply {
  name: string;
  text: string;
}

const directory = new URL('./__fixtures__/sms-replies/', import.meta.url);

/** Every reply of the corpus, in file order. */
export function loadCorpus(): CorpusReply[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({
      name: name.replace(/\.md$/, ''),
      text: readFileSync(new URL(name, directory), 'utf8'),
    }));
}

/**
 * A reply of about `bytes` UTF-8 bytes made of whole corpus replies (each one ending in a blank line), taken in
 * file order and cycling, so every size mixes the same kinds of markdown in the same proportions. The longest
 * replies are left out so that the 1 KB one is not a single reply's first kilobyte.
 */
export function mixedReply(corpus: readonly CorpusReply[], bytes: number): string {
  const pieces = corpus
    .filter((reply) => reply.text.length < 2500)
    .map((reply) => `${reply.text.trim()}\n\n`);
  let out = '';
  for (let i = 0; Buffer.byteLength(out) < bytes; i++) out += pieces[i % pieces.length];
  return out;
}
