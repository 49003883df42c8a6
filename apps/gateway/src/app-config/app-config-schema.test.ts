import { formatConfigIssues } from '@sms-channel/config';
import { describe, expect, it } from 'vitest';
import { validateAppConfig } from './app-config-schema.js';

function issuesOf(config: unknown): string {
  const result = validateAppConfig(config);
  expect(result.ok).toBe(false);
  return formatConfigIssues(result.issues);
}

describe('validateAppConfig', () => {
  it('defaults to the echo agent and a gateway on 127.0.0.1:8790 with 64 workers', () => {
    const result = validateAppConfig({});
    expect(result.ok && result.app.agent).toEqual({ kind: 'echo' });
    expect(result.ok && result.app.gateway).toMatchObject({
      host: '127.0.0.1',
      port: 8790,
      workers: 64,
      trustProxy: false,
      limits: { maxBodyBytes: 32_768, maxInFlight: 1024, maxUnverifiedPerAddress: 1024, maxUnverified: 2048 },
      server: {
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 65_000,
        timeoutCheckIntervalMs: 1000,
        maxConnections: 4096,
        listenBacklog: 4096,
      },
    });
  });

  it('refuses a gateway.server.requestTimeoutMs below headersTimeoutMs, naming the key', () => {
    expect(issuesOf({ gateway: { server: { headersTimeoutMs: 5000, requestTimeoutMs: 1000 } } })).toBe(
      'gateway.server.requestTimeoutMs: requestTimeoutMs must be at least headersTimeoutMs',
    );
  });

  it('fills the defaults of a command agent', () => {
    const result = validateAppConfig({ agent: { kind: 'command', command: 'my-bot' } });
    expect(result.ok && result.app.agent).toEqual({
      kind: 'command',
      command: 'my-bot',
      args: [],
      timeoutMs: 60_000,
      protocol: 'text',
    });
  });

  it('fills the media defaults of the gateway: no base URL, a one-hour link TTL, seven days of media', () => {
    const result = validateAppConfig({});
    expect(result.ok && result.app.gateway).toMatchObject({
      mediaTtlMs: 3_600_000,
      mediaRetentionMs: 604_800_000,
    });
    expect(result.ok && result.app.gateway.mediaBaseUrl).toBeUndefined();
  });

  it('accepts an openai agent whose key is a secret ref', () => {
    const agent = {
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3',
      apiKey: { source: 'env', id: 'OPENAI_API_KEY' },
    };
    const result = validateAppConfig({ agent });
    expect(result.ok && result.app.agent).toMatchObject({ ...agent, historyTurns: 10 });
  });

  it('names a misspelt gateway key and suggests the right one', () => {
    expect(issuesOf({ gateway: { prot: 9000 } })).toBe(
      'gateway.prot: unknown key "prot"; did you mean "port"?',
    );
  });

  it('names a misspelt key inside the chosen agent kind', () => {
    expect(issuesOf({ agent: { kind: 'command', command: 'x', timeOutMs: 5 } })).toMatch(
      /^agent\.timeOutMs: unknown key "timeOutMs"; did you mean "timeoutMs"\?$/,
    );
  });

  it('lists the agent kinds when the kind is unknown', () => {
    expect(issuesOf({ agent: { kind: 'gpt' } })).toBe(
      'agent.kind: the agent kind must be "echo", "command" or "openai" (not "gpt")',
    );
  });

  it('refuses a port outside 0..65535 with the path of the key', () => {
    expect(issuesOf({ gateway: { port: 70_000 } })).toMatch(/^gateway\.port: /);
  });

  it('refuses a limit below 1 under gateway.limits', () => {
    expect(issuesOf({ gateway: { limits: { maxBodyBytes: 0 } } })).toMatch(
      /^gateway\.limits\.maxBodyBytes: /,
    );
  });

  it('leaves channels to the channel packages, other channels than sms included', () => {
    expect(validateAppConfig({ channels: { sms: {}, telegram: { botToken: 'x' } } }).ok).toBe(true);
  });

  it('refuses a misspelt top-level section, naming the section it meant', () => {
    expect(issuesOf({ gatway: { port: 9000 } })).toBe(
      'gatway: unknown key "gatway"; did you mean "gateway"?',
    );
  });

  it("refuses a section this file does not have (one of OpenClaw's), listing the ones it has", () => {
    expect(issuesOf({ tools: { x: 1 } })).toBe(
      'tools: unknown key "tools"; valid keys here: channels, agent, gateway',
    );
  });

  it('defaults the store to SQLite settings with a pool of 10 for when a URL is given', () => {
    const result = validateAppConfig({});
    expect(result.ok && result.app.gateway.store).toEqual({
      poolSize: 10,
      schema: 'sms_channel',
      connectTimeoutMs: 10_000,
    });
  });

  it('refuses a store URL that is not PostgreSQL, with the path of the key', () => {
    expect(issuesOf({ gateway: { store: { url: 'mysql://sms@db/sms' } } })).toBe(
      'gateway.store.url: url must be a postgres:// (or postgresql://) URL, not mysql://...; leave it out for the embedded SQLite store',
    );
  });

  it('refuses a store URL that cannot be parsed', () => {
    expect(issuesOf({ gateway: { store: { url: 'db.internal:5432' } } })).toMatch(
      /^gateway\.store\.url: url must be a postgres/,
    );
  });

  it('names a misspelt store key and suggests the right one', () => {
    expect(issuesOf({ gateway: { store: { poolsize: 4 } } })).toBe(
      'gateway.store.poolsize: unknown key "poolsize"; did you mean "poolSize"?',
    );
  });

  it('refuses a store schema name that is not a plain identifier', () => {
    expect(issuesOf({ gateway: { store: { schema: 'Sms-Channel' } } })).toMatch(/^gateway\.store\.schema: /);
  });
});
