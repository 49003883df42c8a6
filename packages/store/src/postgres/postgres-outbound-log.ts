/**
 * The outbound log on PostgreSQL: the same tables as SQLite's. Logging a part and applying a status each run
 * in one transaction; a delivery row is locked (`FOR UPDATE`) while its status is decided, so two callbacks
 * for one message racing on two instances apply in rank order.
 */
import { requireCount, requireText } from '../arguments.js';
import { type DeliveryStatus, decideStatusUpdate, isDeliveryStatus } from '../delivery-status.js';
import { StoreArgumentError } from '../errors.js';
import type {
  ApplyDeliveryStatusResult,
  OutboundLog,
  OutboundPart,
  RecordSendIntentResult,
  SendIntent,
} from '../outbound-log.js';
import type { PgContext, PgQuery } from './postgres-context.js';

interface DeliveryRow {
  account_id: string;
  message_sid: string;
  status: DeliveryStatus;
  error_code: number | null;
  updated_at: number;
}

interface IntentRow {
  account_id: string;
  turn_key: string;
  part_index: number;
  recipient: string;
  sender_id: string;
  body_hash: string;
  intended_at: number;
  message_sid: string | null;
}

function toIntent(row: IntentRow): SendIntent {
  return {
    accountId: row.account_id,
    turnKey: row.turn_key,
    partIndex: row.part_index,
    to: row.recipient,
    from: row.sender_id,
    bodyHash: row.body_hash,
    intendedAt: row.intended_at,
    messageSid: row.message_sid,
  };
}

function requireStatus(status: unknown): DeliveryStatus {
  if (!isDeliveryStatus(status)) {
    throw new StoreArgumentError(
      'status',
      `expected one of Twilio's outbound message statuses, got ${String(status)}`,
    );
  }
  return status;
}

export function createPostgresOutboundLog(ctx: PgContext): OutboundLog {
  const part = ctx.table('outbound_part');
  const delivery = ctx.table('delivery');
  const intent = ctx.table('send_intent');
  const intentsWithSids = `SELECT i.*, p.message_sid FROM ${intent} AS i
     LEFT JOIN ${part} AS p
       ON p.account_id = i.account_id AND p.turn_key = i.turn_key AND p.part_index = i.part_index
     WHERE i.account_id = $1 AND i.turn_key = $2`;

  async function applyStatus(
    query: PgQuery,
    accountId: string,
    messageSid: string,
    status: DeliveryStatus,
    errorCode: number | null,
  ): Promise<ApplyDeliveryStatusResult> {
    const now = ctx.now();
    const inserted = await query(
      `INSERT INTO ${delivery} (account_id, message_sid, status, error_code, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, message_sid) DO NOTHING`,
      [accountId, messageSid, status, errorCode, now],
    );
    if (inserted.rowCount === 1) return { applied: true, previous: null };
    const { rows } = await query<DeliveryRow>(
      `SELECT status FROM ${delivery} WHERE account_id = $1 AND message_sid = $2 FOR UPDATE`,
      [accountId, messageSid],
    );
    const current = (rows[0] as DeliveryRow).status;
    const decision = decideStatusUpdate(current, status);
    if (decision !== 'apply') return { applied: false, reason: decision, current };
    await query(
      `UPDATE ${delivery} SET status = $3, error_code = $4, updated_at = $5 WHERE account_id = $1 AND message_sid = $2`,
      [accountId, messageSid, status, errorCode, now],
    );
    return { applied: true, previous: current };
  }

  return {
    async recordOutboundPart(accountId, turnKey, input) {
      requireText('accountId', accountId);
      requireText('turnKey', turnKey);
      requireCount('partIndex', input.partIndex);
      requireText('messageSid', input.messageSid);
      requireText('to', input.to);
      const status = requireStatus(input.status ?? 'queued');
      return ctx.transaction(async (query) => {
        const inserted = await query(
          `INSERT INTO ${part} (account_id, turn_key, part_index, message_sid, recipient, sent_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id, turn_key, part_index) DO NOTHING`,
          [accountId, turnKey, input.partIndex, input.messageSid, input.to, ctx.now()],
        );
        if (inserted.rowCount === 0) {
          const { rows } = await query<{ message_sid: string }>(
            `SELECT message_sid FROM ${part} WHERE account_id = $1 AND turn_key = $2 AND part_index = $3`,
            [accountId, turnKey, input.partIndex],
          );
          const existing = (rows[0] as { message_sid: string }).message_sid;
          return existing === input.messageSid
            ? { recorded: false as const, reason: 'duplicate' as const }
            : { recorded: false as const, reason: 'part-conflict' as const, messageSid: existing };
        }
        await applyStatus(query, accountId, input.messageSid, status, null);
        return { recorded: true as const };
      });
    },

    async listOutboundParts(accountId, turnKey) {
      const { rows } = await ctx.query<{
        account_id: string;
        turn_key: string;
        part_index: number;
        message_sid: string;
        recipient: string;
        sent_at: number;
        status: DeliveryStatus | null;
        error_code: number | null;
      }>(
        `SELECT p.*, d.status, d.error_code FROM ${part} AS p
         LEFT JOIN ${delivery} AS d ON d.account_id = p.account_id AND d.message_sid = p.message_sid
         WHERE p.account_id = $1 AND p.turn_key = $2 ORDER BY p.part_index`,
        [accountId, turnKey],
      );
      return rows.map(
        (row): OutboundPart => ({
          accountId: row.account_id,
          turnKey: row.turn_key,
          partIndex: row.part_index,
          messageSid: row.message_sid,
          to: row.recipient,
          sentAt: row.sent_at,
          status: row.status ?? 'queued',
          errorCode: row.error_code,
        }),
      );
    },

    async recordSendIntent(accountId, turnKey, input) {
      requireText('accountId', accountId);
      requireText('turnKey', turnKey);
      requireCount('partIndex', input.partIndex);
      const to = requireText('to', input.to);
      const from = requireText('from', input.from);
      const bodyHash = requireText('bodyHash', input.bodyHash);
      return ctx.transaction(async (query): Promise<RecordSendIntentResult> => {
        const inserted = await query(
          `INSERT INTO ${intent} (account_id, turn_key, part_index, recipient, sender_id, body_hash, intended_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id, turn_key, part_index) DO NOTHING`,
          [accountId, turnKey, input.partIndex, to, from, bodyHash, ctx.now()],
        );
        const { rows } = await query<IntentRow>(`${intentsWithSids} AND i.part_index = $3`, [
          accountId,
          turnKey,
          input.partIndex,
        ]);
        const standing = toIntent(rows[0] as IntentRow);
        return inserted.rowCount === 1
          ? { recorded: true, intent: standing }
          : { recorded: false, intent: standing };
      });
    },

    async listSendIntents(accountId, turnKey) {
      const { rows } = await ctx.query<IntentRow>(`${intentsWithSids} ORDER BY i.part_index`, [
        accountId,
        turnKey,
      ]);
      return rows.map(toIntent);
    },

    async applyDeliveryStatus(accountId, messageSid, status, options = {}) {
      requireText('accountId', accountId);
      requireText('messageSid', messageSid);
      requireStatus(status);
      const errorCode = options.errorCode === undefined ? null : requireCount('errorCode', options.errorCode);
      return ctx.transaction((query) => applyStatus(query, accountId, messageSid, status, errorCode));
    },

    async getDelivery(accountId, messageSid) {
      const { rows } = await ctx.query<DeliveryRow>(
        `SELECT * FROM ${delivery} WHERE account_id = $1 AND message_sid = $2`,
        [accountId, messageSid],
      );
      const [row] = rows;
      if (row === undefined) return undefined;
      return {
        accountId: row.account_id,
        messageSid: row.message_sid,
        status: row.status,
        errorCode: row.error_code,
        updatedAt: row.updated_at,
      };
    },
  };
}
