import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import { createTempConfig, defaultConfigText, type TempConfig } from './__fixtures__/temp-config.js';

describe('config validate', () => {
  let temp: TempConfig | undefined;
  afterEach(async () => {
    await temp?.remove();
    temp = undefined;
  });

  it('says the file is valid and lists its accounts', async () => {
    temp = await createTempConfig();
    const run = await runInProcess(['--config', temp.file, 'config', 'validate']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${temp.file}: valid\nSMS accounts: default (default)\n`);
  });

  it('lists warnings without failing', async () => {
    temp = await createTempConfig(defaultConfigText({ dangerouslyDisableSignatureValidation: true }));
    const run = await runInProcess(['--config', temp.file, 'config', 'validate']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^warning: channels\.sms\.dangerouslyDisableSignatureValidation: /m);
  });

  it('accepts a missing default config file (env vars and defaults only)', async () => {
    temp = await createTempConfig();
    const missing = join(temp.dir, 'nothing-here.json5');
    const run = await runInProcess(['config', 'validate'], { env: { SMS_CHANNEL_CONFIG: missing } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`${missing}: no such file`);
  });

  it('exits 2 when a file given with --config does not exist', async () => {
    temp = await createTempConfig();
    const run = await runInProcess(['--config', join(temp.dir, 'nope.json5'), 'config', 'validate']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toHaveLength(1);
    expect(run.stderr).toContain('nope.json5 does not exist');
  });

  it('exits 2 for a misspelt key, listing the issue with a suggestion', async () => {
    temp = await createTempConfig(defaultConfigText({ fromNumer: '+12025550100' }));
    const run = await runInProcess(['--config', temp.file, 'config', 'validate']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/^error: channels\.sms\.fromNumer: .*"fromNumber"/m);
    expect(run.stderrLines).toHaveLength(1);
    expect(run.stderrLines[0]).toMatch(
      /^sms-channel: Invalid configuration in .*config\.json5 \(1 error\): /,
    );
  });

  it("exits 2 for a mistake in the app's own sections", async () => {
    temp = await createTempConfig('{ gateway: { prot: 8790 } }');
    const run = await runInProcess(['--config', temp.file, 'config', 'validate']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/^error: gateway\.prot: /m);
  });

  it('exits 2 for a malformed file, naming file:line:column', async () => {
    temp = await createTempConfig('{\n  channels: {\n    sms: { enabled: tru }\n  }\n}\n');
    const run = await runInProcess(['--config', temp.file, 'config', 'validate']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(new RegExp(`^sms-channel: ${temp.file}:3:\\d+: `)),
    ]);
  });

  it('prints a JSON report with --json, invalid or not', async () => {
    temp = await createTempConfig();
    const ok = await runInProcess(['--config', temp.file, 'config', 'validate', '--json']);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      file: temp.file,
      defaultAccountId: 'default',
      accounts: [{ accountId: 'default', enabled: true, complete: true, missing: [] }],
      stateDir: temp.stateDir,
    });
    await temp.remove();
    temp = await createTempConfig('{ channels: { sms: { dmPolicy: "sometimes" } } }');
    const bad = await runInProcess(['--config', temp.file, 'config', 'validate', '--json']);
    expect(bad.exitCode).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      issues: [{ path: 'channels.sms.dmPolicy', severity: 'error' }],
    });
  });

  it('prints a JSON report with --json for a malformed file too, and exits 2 as without it', async () => {
    temp = await createTempConfig();
    const { file } = temp;
    await writeFile(file, '{ channels: ');
    const json = await runInProcess(['--config', file, 'config', 'validate', '--json']);
    const text = await runInProcess(['--config', file, 'config', 'validate']);
    expect([json.exitCode, text.exitCode]).toEqual([2, 2]);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      file,
      issues: [{ path: '(root)', severity: 'error', message: expect.stringMatching(/:1:\d+: /) }],
    });
    expect(json.stderrLines).toEqual(text.stderrLines);
  });
});
