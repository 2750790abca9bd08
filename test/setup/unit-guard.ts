import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

/**
 * The unit tier's promise, enforced: a unit test starts no process and opens no socket. A test
 * that needs either belongs in test/integration (one real server on loopback) or test/e2e.
 */
function refuse(what: string): never {
  throw new Error(
    `unit tests may not ${what}: move this test to test/integration or test/e2e, or inject the dependency`,
  );
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as unknown as Record<string, unknown>)[name] = () => refuse(`start a child process (${name})`);
}
syncBuiltinESMExports();
net.Server.prototype.listen = function listen(): never {
  return refuse('listen on a socket');
};
net.Socket.prototype.connect = function connect(): never {
  return refuse('open a socket');
};
