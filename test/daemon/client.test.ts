/**
 * The daemon client against scripted servers on a real Unix socket: how it
 * reads replies (split across packets, blank lines), and what it does with a
 * server that is not an owc daemon or that goes away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { daemonMayServe, exchange, type Reply } from '../../src/daemon/client.js';

const folders: string[] = [];
const servers: Server[] = [];

afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A server that answers every connection by writing `chunks` one by one, then closing; resolves with its socket path and the requests it got. */
async function scripted(chunks: readonly string[]): Promise<{ socketPath: string; requests: string[] }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'owc-client-test-'));
  folders.push(folder);
  const socketPath = path.join(folder, 's.sock');
  const requests: string[] = [];
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    socket.once('data', async (request: string) => {
      requests.push(request);
      for (const chunk of chunks) {
        socket.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
      socket.end();
    });
    socket.on('error', () => {});
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { socketPath, requests };
}

async function repliesFrom(socketPath: string): Promise<Reply[]> {
  const replies: Reply[] = [];
  await exchange(socketPath, { control: 'status' }, (reply) => replies.push(reply));
  return replies;
}

describe('the daemon client', () => {
  it('reads replies split across packets and skips blank lines', async () => {
    const { socketPath, requests } = await scripted(['\n{"out":"a', 'b"}\n\n', '{"err":"c"}\n{"exit":3}\n']);
    expect(await repliesFrom(socketPath)).toEqual([{ out: 'ab' }, { err: 'c' }, { exit: 3 }]);
    expect(requests).toEqual(['{"v":1,"control":"status"}\n']);
  });

  it('stops listening to a server that does not speak JSON', async () => {
    const { socketPath } = await scripted(['{"out":"a"}\n', 'HTTP/1.1 400 Bad Request\n', '{"exit":0}\n']);
    expect(await repliesFrom(socketPath)).toEqual([{ out: 'a' }]);
  });

  it('gets no replies where nobody listens', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'owc-client-test-'));
    folders.push(folder);
    expect(await repliesFrom(path.join(folder, 'none.sock'))).toEqual([]);
  });

  it('hands only check and build to a daemon, not help, and nothing with OWC_NO_DAEMON set', () => {
    expect(daemonMayServe(['check', '.'], {})).toBe(true);
    expect(daemonMayServe(['build', '--out', 'x'], { OWC_NO_DAEMON: '0' })).toBe(true);
    expect(daemonMayServe(['check'], { OWC_NO_DAEMON: '1' })).toBe(false);
    expect(daemonMayServe(['lock'], {})).toBe(false);
    expect(daemonMayServe(['daemon', 'status'], {})).toBe(false);
    expect(daemonMayServe([], {})).toBe(false);
    expect(daemonMayServe(['check', '--help'], {})).toBe(false);
    expect(daemonMayServe(['build', '-h'], {})).toBe(false);
  });
});
