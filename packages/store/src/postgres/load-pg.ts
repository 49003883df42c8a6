/**
 * node-postgres, imported only when a PostgreSQL store is opened: SQLite users never load it, and a bundle
 * that leaves `pg` out still works for them.
 */
import type * as Pg from 'pg';

export type PgModule = typeof Pg;

let loaded: Promise<PgModule> | undefined;

export function loadPg(): Promise<PgModule> {
  loaded ??= import('pg').then(
    // pg is CommonJS: under ESM its exports arrive as `default`.
    (imported: unknown) => ((imported as { default?: PgModule }).default ?? imported) as PgModule,
  );
  return loaded;
}
