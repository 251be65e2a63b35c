/**
 * The baseline of the ws-fanout benchmark: a bare Socket.IO server with none of the product on it. A client's
 * `join` puts it in one room, with no authentication; a `fire` emits the payload it carries to that room, with
 * no outbox, no bus and no mapping. Answers GET /ready. Run as a child process by the benchmark, never by hand.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const server = createServer((request, response) => {
  response.writeHead(request.url === '/ready' ? 200 : 404).end();
});
const io = new Server(server, { serveClient: false });
io.on('connection', (socket) => {
  socket.on('join', (_input: unknown, ack: (reply: unknown) => void) => {
    void socket.join('room');
    ack({ ok: true });
  });
  socket.on('fire', (input: { event: string; payload: unknown }) => {
    io.to('room').emit(input.event, input.payload);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
const stop = () => {
  void io.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
