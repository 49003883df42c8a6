import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSON5 from 'json5';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from './__fixtures__/run-in-process.js';
import { AUTH_TOKEN, createTempConfig, type TempConfig } from './__fixtures__/temp-config.js';

describe('config patch', () => {
  let temp: TempConfig;
  afterEach(async () => {
    await temp.remove();
  });

  async function writePatch(text: string): Promise<string> {
    const file = join(temp.dir, 'sms.patch.json5');
    await writeFile(file, text, 'utf8');
    return file;
  }

  it('shows the change and writes nothing on a dry run', async () => {
    temp = await createTempConfig();
    const before = await temp.read();
    const patch = await writePatch(
      "{ channels: { sms: { dmPolicy: 'allowlist', allowFrom: ['+12025550142'] } } }",
    );
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--file', patch, '--dry-run']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('+ channels.sms.dmPolicy = "allowlist"');
    expect(run.stdout).toContain('+ channels.sms.allowFrom = ["+12025550142"]');
    expect(run.stdout).toContain(`Dry run: ${temp.file} was not written.`);
    expect(await temp.read()).toBe(before);
    await expect(access(`${temp.file}.bak`)).rejects.toThrow();
  });

  it('masks secrets in the diff', async () => {
    temp = await createTempConfig();
    const patch = await writePatch(
      "{ channels: { sms: { authToken: 'aaaabbbbccccddddeeeeffff00001111' } } }",
    );
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--file', patch, '--dry-run']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^~ channels\.sms\.authToken: /m);
    expect(run.stdout).not.toContain('aaaabbbbccccddddeeeeffff00001111');
    expect(run.stdout).not.toContain(AUTH_TOKEN);
  });

  it('writes the merged config and keeps the previous file as .bak', async () => {
    temp = await createTempConfig();
    const before = await temp.read();
    const patch = await writePatch('{ channels: { sms: { textChunkLimit: 600 } }, gateway: { port: 9000 } }');
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--file', patch]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Wrote ${temp.file}.`);
    const written = JSON5.parse(await temp.read());
    expect(written.channels.sms.textChunkLimit).toBe(600);
    expect(written.gateway).toEqual({ stateDir: './state', port: 9000 });
    expect(await readFile(`${temp.file}.bak`, 'utf8')).toBe(before);
  });

  it('deletes a key patched to null', async () => {
    temp = await createTempConfig();
    const patch = await writePatch('{ gateway: null }');
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--file', patch]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('- gateway (was {"stateDir":"./state"})');
    expect(JSON5.parse(await temp.read())).not.toHaveProperty('gateway');
  });

  it('says so and writes nothing when the patch changes nothing', async () => {
    temp = await createTempConfig();
    const patch = await writePatch('{ gateway: { stateDir: "./state" } }');
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--file', patch]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('(no changes)');
    expect(run.stdout).toContain('Nothing to change');
    await expect(access(`${temp.file}.bak`)).rejects.toThrow();
  });

  it('refuses (exit 2) a patch that makes channels.sms invalid and leaves the file alone', async () => {
    temp = await createTempConfig();
    const before = await temp.read();
    const patch = await writePatch("{ channels: { sms: { dmPolicy: 'open' } } }");
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--file', patch]);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toHaveLength(1);
    expect(run.stderr).toContain('channels.sms');
    expect(await temp.read()).toBe(before);
  });

  it("refuses (exit 2) a patch that breaks the app's own sections", async () => {
    temp = await createTempConfig();
    const patch = await writePatch('{ gateway: { prot: 9000 } }');
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--file', patch, '--dry-run']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('gateway.prot');
  });

  it('exits 2 for a malformed patch file, naming file:line:column', async () => {
    temp = await createTempConfig();
    const patch = await writePatch('{\n  gateway: { port: 90 00 }\n}\n');
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--file', patch]);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([expect.stringMatching(new RegExp(`^sms-channel: ${patch}:2:\\d+: `))]);
  });

  it('exits 2 when the patch file does not exist', async () => {
    temp = await createTempConfig();
    const run = await runInProcess([
      '--config',
      temp.file,
      'config',
      'patch',
      '--file',
      join(temp.dir, 'x.json5'),
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual([`sms-channel: patch file ${join(temp.dir, 'x.json5')} does not exist`]);
  });

  it('exits 2 without --file', async () => {
    temp = await createTempConfig();
    const run = await runInProcess(['--config', temp.file, 'config', 'patch', '--dry-run']);
    expect(run.exitCode).toBe(2);
    expect(run.stderrLines).toEqual(["sms-channel: required option '--file <patch>' not specified"]);
  });
});
