/**
 * Counts the transactions committed to a SQLite WAL file (https://sqlite.org/fileformat.html#the_write_ahead_log):
 * a 32-byte header, then frames of a 24-byte header and one page; a frame whose "database size after commit"
 * field is non-zero ends a transaction. Frames whose salts differ from the header's are leftovers of an
 * earlier WAL generation and end the count. How tests see group commit from outside the store.
 */
import { existsSync, readFileSync } from 'node:fs';

export function countWalCommits(databasePath: string): number {
  const walPath = `${databasePath}-wal`;
  if (!existsSync(walPath)) return 0;
  const wal = readFileSync(walPath);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let offset = 32; offset + 24 + pageSize <= wal.length; offset += 24 + pageSize) {
    if (wal.readUInt32BE(offset + 8) !== salts[0] || wal.readUInt32BE(offset + 12) !== salts[1]) break;
    if (wal.readUInt32BE(offset + 4) !== 0) commits += 1;
  }
  return commits;
}
