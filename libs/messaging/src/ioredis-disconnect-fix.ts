import { Redis } from 'ioredis';

type CloseHandler = (client: Redis) => () => void;
// ioredis's own handler for a closed socket; not part of its typed API.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { closeHandler } = require('ioredis/built/redis/event_handler') as { closeHandler: CloseHandler };

let applied = false;

/**
 * ioredis 6 (redis/ioredis#1247): `disconnect()` on a client that is waiting to reconnect
 * cancels the reconnect but never reaches `end`, and BullMQ's Worker.close() waits for
 * `end`: a worker stopped while Redis is down, or in the second after it came back,
 * would never exit. This finishes such a disconnect the way a closed socket does
 * (status `end`, pending commands rejected). Remove once ioredis does it itself.
 */
export function finishDisconnectWhileReconnecting(): void {
  if (applied) return;
  applied = true;
  const disconnect = Redis.prototype.disconnect;
  Redis.prototype.disconnect = function (this: Redis, reconnect = false): void {
    const waitingToReconnect = !reconnect && this.status === 'reconnecting';
    disconnect.call(this, reconnect);
    if (waitingToReconnect) closeHandler(this)();
  };
}
