import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** One message the fake accepted: the envelope and the raw data (headers and body). */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

export interface FakeSmtpServer {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** A plain SMTP server on loopback (no TLS, no auth) that keeps what it is sent: enough for nodemailer. */
export async function startFakeSmtp(): Promise<FakeSmtpServer> {
  const received: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, received);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serve(socket: Socket, received: ReceivedMail[]): void {
  let buffer = '';
  let mail: ReceivedMail = { from: '', to: [], data: '' };
  let inData = false;
  socket.write('220 fake-smtp ready\r\n');
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    if (inData) {
      const end = buffer.indexOf('\r\n.\r\n');
      if (end === -1) return;
      received.push({ ...mail, data: buffer.slice(0, end) });
      buffer = buffer.slice(end + 5);
      inData = false;
      mail = { from: '', to: [], data: '' };
      socket.write('250 queued\r\n');
    }
    let newline: number;
    while (!inData && (newline = buffer.indexOf('\r\n')) !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake-smtp\r\n');
      else if (verb === 'MAIL') mail.from = address(line);
      else if (verb === 'RCPT') mail.to.push(address(line));
      else if (verb === 'DATA') {
        inData = true;
        socket.write('354 go ahead\r\n');
      } else if (verb === 'QUIT') socket.end('221 bye\r\n');
      else socket.write('250 ok\r\n');
      if (verb === 'MAIL' || verb === 'RCPT') socket.write('250 ok\r\n');
    }
  });
}

function address(line: string): string {
  return /<([^>]*)>/.exec(line)?.[1] ?? '';
}
