import { posix } from 'node:path';

/** `git+https://github.com/o/r.git` (a package.json `repository.url`) -> `https://github.com/o/r`. */
export function repositoryWebUrl(repositoryUrl: string): string {
  return repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '');
}

/**
 * The README the published plugin carries: this app's README with its relative links (`../../packages/...`,
 * `e2e/test-openclaw.sh`) made absolute links into the repository, since the package page on a registry
 * shows the README without the repository around it. `base` is the folder's web URL
 * (`https://github.com/o/r/blob/main/apps/openclaw-plugin`).
 */
export function publishedReadme(markdown: string, base: string): string {
  const root = new URL(base.endsWith('/') ? base : `${base}/`);
  return markdown.replace(/\]\(([^)\s]+)\)/g, (link, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return link;
    const [path = '', anchor] = target.split('#');
    const resolved = posix.normalize(posix.join(root.pathname, path));
    const absolute = new URL(resolved, root.origin).href;
    return `](${anchor === undefined ? absolute : `${absolute}#${anchor}`})`;
  });
}
