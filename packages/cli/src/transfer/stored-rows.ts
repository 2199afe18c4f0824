/** The rows of a SQLite file as its hash chain hashed them, for exports: the store reads its own layout. */
export { sqliteChainRows, sqliteEventCount } from '@motcua/store-sqlite';
