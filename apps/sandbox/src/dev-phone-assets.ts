import { readFile } from 'node:fs/promises';

/** The dev phone's files (plain HTML, CSS and JavaScript: no build step), in the package's `assets` folder. */
const ASSETS: Record<string, string> = {
  'dev-phone.html': 'text/html; charset=utf-8',
  'dev-phone.css': 'text/css; charset=utf-8',
  'dev-phone.js': 'text/javascript; charset=utf-8',
};

/** Reads an asset by file name; undefined for anything not in the list (no path is ever built from input). */
export async function readDevPhoneAsset(
  name: string,
): Promise<{ contentType: string; text: string } | undefined> {
  const contentType = ASSETS[name];
  if (!contentType) return undefined;
  // src/*.ts and dist/*.js both sit one level below the package root, beside `assets/`.
  const text = await readFile(new URL(`../assets/${name}`, import.meta.url), 'utf8');
  return { contentType, text };
}
