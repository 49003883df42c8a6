/**
 * The outbound log on SQLite: `outbound_part` maps (account, turn, part) to the Message SID Twilio gave it;
 * `delivery` holds each SID's latest status. They are separate tables because a status callback can arrive
 * for a SID before (or without) its part being logged.
 */
import { requireCount, requireText } from '../arguments.js';
import { type DeliveryStatus, decideStatusUpdate, isDeliveryStatus } from '../delivery-status.js';
import { StoreArgumentError } from '../errors.js';
import type {
  ApplyDeliveryStatusResult,
  Delivery,
  OutboundLog,
  OutboundPart,
  RecordSendIntentResult,
  SendIntent,
} from '../outbound-log.js';
import type { SqliteContext } from './sqlite-context.js';

interface DeliveryRow {
  account_id: string;
  message_sid: string;
  status: DeliveryStatus;
  error_code: number | null;
  updated_at: number;
}

interface PartRow {
  account_id: string;
  turn_key: string;
  part_index: number;
  message_sid: string;
  recipient: string;
  sent_at: number;
  status: DeliveryStatus | null;
  error_code: number | null;
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

export function createSqliteOutboundLog(ctx: SqliteContext): OutboundLog {
  const { db } = ctx;
  const selectPart = db.prepare<[string, string, number], { message_sid: string }>(
    'SELECT message_sid FROM outbound_part WHERE account_id = ? AND turn_key = ? AND part_index = ?',
  );
  const insertPart = db.prepare(
    `INSERT INTO outbound_part (account_id, turn_key, part_index, message_sid, recipient, sent_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const listParts = db.prepare<[string, string], PartRow>(
    `SELECT p.*, d.status, d.error_code FROM outbound_part AS p
     LEFT JOIN delivery AS d ON d.account_id = p.account_id AND d.message_sid = p.message_sid
     WHERE p.account_id = ? AND p.turn_key = ? ORDER BY p.part_index`,
  );
  const selectDelivery = db.prepare<[string, string], DeliveryRow>(
    'SELECT * FROM delivery WHERE account_id = ? AND message_sid = ?',
  );
  const upsertDelivery = db.prepare(
    `INSERT INTO delivery (account_id, message_sid, status, error_code, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, message_sid)
     DO UPDATE SET status = excluded.status, error_code = excluded.error_code, updated_at = excluded.updated_at`,
  );

  const insertIntent = db.prepare(
    `INSERT INTO send_intent (account_id, turn_key, part_index, recipient, sender_id, body_hash, intended_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, turn_key, part_index) DO NOTHING`,
  );
  const intentsWithSids = `SELECT i.*, p.message_sid FROM send_intent AS i
     LEFT JOIN outbound_part AS p
       ON p.account_id = i.account_id AND p.turn_key = i.turn_key AND p.part_index = i.part_index
     WHERE i.account_id = ? AND i.turn_key = ?`;
  const selectIntent = db.prepare<[string, string, number], IntentRow>(
    `${intentsWithSids} AND i.part_index = ?`,
  );
  const listIntents = db.prepare<[string, string], IntentRow>(`${intentsWithSids} ORDER BY i.part_index`);

  function applyStatus(
    accountId: string,
    messageSid: string,
    status: DeliveryStatus,
    errorCode: number | null,
  ): ApplyDeliveryStatusResult {
    const current = selectDelivery.get(accountId, messageSid);
    const decision = decideStatusUpdate(current?.status, status);
    if (current !== undefined && decision !== 'apply') {
      return { applied: false, reason: decision, current: current.status };
    }
    upsertDelivery.run(accountId, messageSid, status, errorCode, ctx.now());
    return { applied: true, previous: current?.status ?? null };
  }

  return {
    async recordOutboundPart(accountId, turnKey, part) {
      requireText('accountId', accountId);
      requireText('turnKey', turnKey);
      requireCount('partIndex', part.partIndex);
      requireText('messageSid', part.messageSid);
      requireText('to', part.to);
      const status = requireStatus(part.status ?? 'queued');
      return ctx.write(() => {
        const existing = selectPart.get(accountId, turnKey, part.partIndex);
        if (existing !== undefined) {
          return existing.message_sid === part.messageSid
            ? { recorded: false, reason: 'duplicate' as const }
            : { recorded: false, reason: 'part-conflict' as const, messageSid: existing.message_sid };
        }
        insertPart.run(accountId, turnKey, part.partIndex, part.messageSid, part.to, ctx.now());
        applyStatus(accountId, part.messageSid, status, null);
        return { recorded: true as const };
      });
    },

    async listOutboundParts(accountId, turnKey) {
      return ctx.read(() =>
        listParts.all(accountId, turnKey).map(
          (row): OutboundPart => ({
            accountId: row.account_id,
            turnKey: row.turn_key,
            partIndex: row.part_index,
            messageSid: row.message_sid,
            to: row.recipient,
            sentAt: row.sent_at,
            // A part always gets a delivery row when logged; only pruning can separate the two.
            status: row.status ?? 'queued',
            errorCode: row.error_code,
          }),
        ),
      );
    },

    async recordSendIntent(accountId, turnKey, intent) {
      requireText('accountId', accountId);
      requireText('turnKey', turnKey);
      requireCount('partIndex', intent.partIndex);
      const to = requireText('to', intent.to);
      const from = requireText('from', intent.from);
      const bodyHash = requireText('bodyHash', intent.bodyHash);
      return ctx.write((): RecordSendIntentResult => {
        const inserted =
          insertIntent.run(accountId, turnKey, intent.partIndex, to, from, bodyHash, ctx.now()).changes === 1;
        const standing = toIntent(selectIntent.get(accountId, turnKey, intent.partIndex) as IntentRow);
        return inserted ? { recorded: true, intent: standing } : { recorded: false, intent: standing };
      });
    },

    async listSendIntents(accountId, turnKey) {
      return ctx.read(() => listIntents.all(accountId, turnKey).map(toIntent));
    },

    async applyDeliveryStatus(accountId, messageSid, status, options = {}) {
      requireText('accountId', accountId);
      requireText('messageSid', messageSid);
      requireStatus(status);
      const errorCode = options.errorCode === undefined ? null : requireCount('errorCode', options.errorCode);
      return ctx.write(() => applyStatus(accountId, messageSid, status, errorCode));
    },

    async getDelivery(accountId, messageSid) {
      return ctx.read(() => {
        const row = selectDelivery.get(accountId, messageSid);
        if (row === undefined) return undefined;
        const delivery: Delivery = {
          accountId: row.account_id,
          messageSid: row.message_sid,
          status: row.status,
          errorCode: row.error_code,
          updatedAt: row.updated_at,
        };
        return delivery;
      });
    },
  };
}
