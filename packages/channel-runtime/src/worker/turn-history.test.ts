import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTurnHistory } from './turn-history.js';

const A = '+12025550142';
const B = '+12025550143';

let store: SqliteGatewayStore;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(() => store.close());

const contents = async (sender: string) =>
  (await store.listConversationTurns('default', sender)).map((turn) => turn.content);

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createTurnHistory', () => {
  it('holds the appends made inside capture and returns them instead of writing them', async () => {
    const turns = createTurnHistory(store);
    const { value, turns: held } = await turns.capture(async () => {
      await turns.history.appendConversationTurn('default', A, { role: 'user', content: 'hi' });
      await turns.history.appendConversationTurn('default', A, { role: 'assistant', content: 'hello' });
      return 'reply';
    });
    expect(value).toBe('reply');
    expect(held).toEqual([
      { accountId: 'default', sender: A, role: 'user', content: 'hi' },
      { accountId: 'default', sender: A, role: 'assistant', content: 'hello' },
    ]);
    expect(await contents(A)).toEqual([]);
    await turns.commit(held);
    expect(await contents(A)).toEqual(['hi', 'hello']);
  });

  it('keeps the appends of concurrent turns apart', async () => {
    const turns = createTurnHistory(store);
    const run = (sender: string, words: string[]) =>
      turns.capture(async () => {
        for (const content of words) {
          await tick();
          await turns.history.appendConversationTurn('default', sender, { role: 'user', content });
        }
      });
    const [a, b] = await Promise.all([run(A, ['a1', 'a2', 'a3']), run(B, ['b1', 'b2'])]);
    expect(a.turns.map((turn) => turn.content)).toEqual(['a1', 'a2', 'a3']);
    expect(b.turns.map((turn) => turn.content)).toEqual(['b1', 'b2']);
  });

  it('writes appends made outside capture at once, and reads from the store', async () => {
    const turns = createTurnHistory(store);
    await turns.history.appendConversationTurn('default', A, { role: 'user', content: 'direct' });
    expect((await turns.history.listConversationTurns('default', A)).map((t) => t.content)).toEqual([
      'direct',
    ]);
  });

  it('drops the appends of a turn that failed', async () => {
    const turns = createTurnHistory(store);
    await expect(
      turns.capture(async () => {
        await turns.history.appendConversationTurn('default', A, { role: 'user', content: 'lost' });
        throw new Error('model down');
      }),
    ).rejects.toThrow('model down');
    expect(await contents(A)).toEqual([]);
  });
});
