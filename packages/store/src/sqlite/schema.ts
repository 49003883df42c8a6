/**
 * The schema, as numbered migrations. A file's `user_version` is the last migration applied to it; opening
 * applies the missing ones in one transaction. Migrations are append-only: never edit a released one, add
 * the next number. Times are integers (ms since the epoch); tables are STRICT so a wrong type fails loudly.
 */

export interface Migration {
  version: number;
  /** What it adds, for the record. */
  description: string;
  sql: string;
}

/** `PRAGMA application_id` of our files ("SMSC"): tells our database apart from any other SQLite file. */
export const applicationId = 0x534d5343;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'inbound queue, outbound parts, delivery records, conversation turns, opt-outs',
    sql: `
      CREATE TABLE inbound (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        message_sid TEXT NOT NULL,
        sender TEXT,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'completed', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        available_at INTEGER NOT NULL,
        lease_until INTEGER,
        last_error TEXT,
        admitted_at INTEGER NOT NULL,
        settled_at INTEGER,
        UNIQUE (account_id, message_sid)
      ) STRICT;
      -- Unsettled messages in admission order, for claiming, and per sender, for the ordering rule.
      CREATE INDEX inbound_queue ON inbound (id) WHERE state IN ('pending', 'claimed');
      CREATE INDEX inbound_by_sender ON inbound (account_id, sender, id) WHERE state IN ('pending', 'claimed');
      CREATE INDEX inbound_settled ON inbound (state, settled_at) WHERE state IN ('completed', 'dead');

      CREATE TABLE outbound_part (
        account_id TEXT NOT NULL,
        turn_key TEXT NOT NULL,
        part_index INTEGER NOT NULL,
        message_sid TEXT NOT NULL,
        recipient TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, turn_key, part_index)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX outbound_part_sent_at ON outbound_part (sent_at);

      CREATE TABLE delivery (
        account_id TEXT NOT NULL,
        message_sid TEXT NOT NULL,
        status TEXT NOT NULL,
        error_code INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, message_sid)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX delivery_updated_at ON delivery (updated_at);

      CREATE TABLE conversation_turn (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        content TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX conversation_turn_by_sender ON conversation_turn (account_id, sender, id);
      CREATE INDEX conversation_turn_created_at ON conversation_turn (created_at);

      CREATE TABLE opt_out (
        account_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (account_id, sender)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'pairing: pending requests (with the code-sent marker) and approved senders',
    sql: `
      CREATE TABLE pairing_pending (
        account_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        code TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        meta TEXT,
        code_sent_at INTEGER,
        PRIMARY KEY (account_id, sender)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX pairing_pending_code ON pairing_pending (account_id, code);
      CREATE INDEX pairing_pending_expires_at ON pairing_pending (account_id, expires_at);

      CREATE TABLE pairing_approved (
        account_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        approved_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, sender)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'reply drafts: a reply cut into parts, saved before its first part is sent',
    // A rowid table (not WITHOUT ROWID): a long reply's parts make rows of several KiB, which SQLite
    // advises against storing in a WITHOUT ROWID b-tree.
    sql: `
      CREATE TABLE reply_draft (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        turn_key TEXT NOT NULL,
        recipient TEXT NOT NULL,
        parts TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (account_id, turn_key)
      ) STRICT;
      CREATE INDEX reply_draft_created_at ON reply_draft (created_at);
    `,
  },
  {
    version: 4,
    description: 'send intents: a reply part about to be sent, recorded before the request to Twilio',
    sql: `
      CREATE TABLE send_intent (
        account_id TEXT NOT NULL,
        turn_key TEXT NOT NULL,
        part_index INTEGER NOT NULL,
        recipient TEXT NOT NULL,
        sender_id TEXT NOT NULL,
        body_hash TEXT NOT NULL,
        intended_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, turn_key, part_index)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX send_intent_intended_at ON send_intent (intended_at);
    `,
  },
  {
    version: 5,
    description: 'sender pacing: turn starts per sender within the pacing window',
    sql: `
      CREATE TABLE sender_turn (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        started_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sender_turn_by_sender ON sender_turn (account_id, sender, started_at);
      CREATE INDEX sender_turn_started_at ON sender_turn (started_at);
    `,
  },
  {
    version: 6,
    description:
      "reply draft media: the MediaUrls of a draft's first part and their tokens, in the draft's row",
    // Nullable: drafts saved before it (and drafts without media) have none. Adding a nullable column without
    // a default only rewrites the schema, not the table's rows.
    sql: `
      ALTER TABLE reply_draft ADD COLUMN media TEXT;
    `,
  },
];

/** The schema version this release writes. */
export const latestVersion = migrations.length;
