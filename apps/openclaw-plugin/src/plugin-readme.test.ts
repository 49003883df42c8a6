import { describe, expect, it } from 'vitest';
import { publishedReadme, repositoryWebUrl } from './plugin-readme.js';

const BASE = 'https://github.com/o/r/blob/main/apps/openclaw-plugin';

describe('the published README', () => {
  it('turns links into the repository into absolute links', () => {
    expect(publishedReadme('[core](../../packages/channel-runtime/README.md)', BASE)).toBe(
      '[core](https://github.com/o/r/blob/main/packages/channel-runtime/README.md)',
    );
    expect(publishedReadme('see [the test](e2e/test-openclaw.sh#L3).', BASE)).toBe(
      'see [the test](https://github.com/o/r/blob/main/apps/openclaw-plugin/e2e/test-openclaw.sh#L3).',
    );
  });

  it('leaves web links and anchors as they are', () => {
    const text = '[OpenClaw](https://openclaw.ai) and [install](#install)';
    expect(publishedReadme(text, BASE)).toBe(text);
  });

  it("reads the repository's web address from package.json's repository url", () => {
    expect(repositoryWebUrl('git+https://github.com/o/r.git')).toBe('https://github.com/o/r');
  });
});
