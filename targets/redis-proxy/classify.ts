/**
 * Command families, the scope unit of dependency faults. `connection` commands (HELLO, AUTH,
 * PING, CLIENT, SELECT, …) are what a client sends to set up a link; faults skip them unless a
 * fault names the family explicitly, so "error replies on writes" does not also break the
 * handshake.
 */
import type { REDIS_COMMAND_FAMILIES } from '../../mock-graph-api/index.ts';

export type CommandFamily = (typeof REDIS_COMMAND_FAMILIES)[number];

const READ = new Set(
  'GET MGET EXISTS TTL PTTL TYPE STRLEN GETRANGE HGET HMGET HGETALL HEXISTS HKEYS HVALS HLEN SISMEMBER SMEMBERS SCARD LRANGE LLEN LINDEX ZRANGE ZSCORE ZCARD ZRANK SCAN KEYS DBSIZE RANDOMKEY XRANGE XREAD XLEN'.split(
    ' ',
  ),
);
const WRITE = new Set(
  'SET SETNX SETEX PSETEX GETSET GETDEL GETEX MSET MSETNX DEL UNLINK EXPIRE PEXPIRE EXPIREAT PEXPIREAT PERSIST INCR INCRBY DECR DECRBY APPEND HSET HSETNX HDEL HINCRBY SADD SREM LPUSH RPUSH LPOP RPOP LREM ZADD ZREM XADD XACK FLUSHDB FLUSHALL RENAME'.split(
    ' ',
  ),
);
const SCRIPT = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO', 'SCRIPT', 'FUNCTION']);
const CONNECTION = new Set(
  'HELLO AUTH PING ECHO SELECT CLIENT QUIT RESET INFO COMMAND CONFIG READONLY READWRITE CLUSTER MULTI EXEC DISCARD WATCH UNWATCH SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE'.split(
    ' ',
  ),
);

/** The family of a command name (case-insensitive). */
export function classifyCommand(name: string): CommandFamily {
  const upper = name.toUpperCase();
  if (READ.has(upper)) return 'read';
  if (WRITE.has(upper)) return 'write';
  if (SCRIPT.has(upper)) return 'script';
  if (CONNECTION.has(upper)) return 'connection';
  return 'other';
}
