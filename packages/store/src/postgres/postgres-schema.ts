/**
 * The PostgreSQL schema, as numbered migrations (the same tables as SQLite's, in a schema of their own). The
 * table `sms_channel_schema` records each applied version; migrations are append-only. Times are bigint ms
 * since the epoch, written from the store's clock; payloads and reply parts are JSON text (exactly as given,
 * and JSON text keeps `\u0000`, which jsonb refuses).
 */

export interface PostgresMigration {
  version: number;
  description: string;
  /** The statements, given the quoted schema name. */
  sql: (schema: string) => string;
}

export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description:
      'inbound queue, outbound parts, send intents, deliveries, reply drafts, history, opt-outs, pairing, pacing',
    sql: (s) => `
      CREATE TABLE ${s}.inbound (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id text NOT NULL,
        message_sid text NOT NULL,
        sender text,
        payload text NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'claimed', 'completed', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        available_at bigint NOT NULL,
        lease_until bigint,
        last_error text,
        admitted_at bigint NOT NULL,
        settled_at bigint,
        UNIQUE (account_id, message_sid)
      );
      CREATE INDEX inbound_queue ON ${s}.inbound (id) WHERE state IN ('pending', 'claimed');
      CREATE INDEX inbound_by_sender ON ${s}.inbound (account_id, sender, id) WHERE state IN ('pending', 'claimed');
      CREATE INDEX inbound_settled ON ${s}.inbound (state, settled_at) WHERE state IN ('completed', 'dead');

      CREATE TABLE ${s}.outbound_part (
        account_id text NOT NULL,
        turn_key text NOT NULL,
        part_index integer NOT NULL,
        message_sid text NOT NULL,
        recipient text NOT NULL,
        sent_at bigint NOT NULL,
        PRIMARY KEY (account_id, turn_key, part_index)
      );
      CREATE INDEX outbound_part_sent_at ON ${s}.outbound_part (sent_at);

      CREATE TABLE ${s}.send_intent (
        account_id text NOT NULL,
        turn_key text NOT NULL,
        part_index integer NOT NULL,
        recipient text NOT NULL,
        sender_id text NOT NULL,
        body_hash text NOT NULL,
        intended_at bigint NOT NULL,
        PRIMARY KEY (account_id, turn_key, part_index)
      );
      CREATE INDEX send_intent_intended_at ON ${s}.send_intent (intended_at);

      CREATE TABLE ${s}.delivery (
        account_id text NOT NULL,
        message_sid text NOT NULL,
        status text NOT NULL,
        error_code integer,
        updated_at bigint NOT NULL,
        PRIMARY KEY (account_id, message_sid)
      );
      CREATE INDEX delivery_updated_at ON ${s}.delivery (updated_at);

      CREATE TABLE ${s}.reply_draft (
        account_id text NOT NULL,
        turn_key text NOT NULL,
        recipient text NOT NULL,
        parts text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (account_id, turn_key)
      );
      CREATE INDEX reply_draft_created_at ON ${s}.reply_draft (created_at);

      CREATE TABLE ${s}.conversation_turn (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id text NOT NULL,
        sender text NOT NULL,
        role text NOT NULL CHECK (role IN ('user', 'assistant')),
        content text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX conversation_turn_by_sender ON ${s}.conversation_turn (account_id, sender, id);
      CREATE INDEX conversation_turn_created_at ON ${s}.conversation_turn (created_at);

      CREATE TABLE ${s}.opt_out (
        account_id text NOT NULL,
        sender text NOT NULL,
        since bigint NOT NULL,
        PRIMARY KEY (account_id, sender)
      );

      CREATE TABLE ${s}.pairing_pending (
        account_id text NOT NULL,
        sender text NOT NULL,
        code text NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        meta text,
        code_sent_at bigint,
        PRIMARY KEY (account_id, sender)
      );
      CREATE UNIQUE INDEX pairing_pending_code ON ${s}.pairing_pending (account_id, code);
      CREATE INDEX pairing_pending_expires_at ON ${s}.pairing_pending (account_id, expires_at);

      CREATE TABLE ${s}.pairing_approved (
        account_id text NOT NULL,
        sender text NOT NULL,
        approved_at bigint NOT NULL,
        PRIMARY KEY (account_id, sender)
      );

      CREATE TABLE ${s}.sender_turn (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id text NOT NULL,
        sender text NOT NULL,
        started_at bigint NOT NULL
      );
      CREATE INDEX sender_turn_by_sender ON ${s}.sender_turn (account_id, sender, started_at);
      CREATE INDEX sender_turn_started_at ON ${s}.sender_turn (started_at);
    `,
  },
  {
    version: 2,
    description:
      "reply draft media: the MediaUrls of a draft's first part and their tokens, in the draft's row",
    // Nullable and without a default: PostgreSQL adds it to the catalog only, without rewriting the table.
    sql: (s) => `
      ALTER TABLE ${s}.reply_draft ADD COLUMN media text;
    `,
  },
];

/** The schema version this release writes. */
export const latestPostgresVersion = postgresMigrations.length;
