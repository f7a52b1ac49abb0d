// A Web Push receiver on Node's own HTTP/2 stack (nghttp2), so Backlot's sender is checked by
// an HTTP/2 server that is not .NET's. Used by the push benchmark and the integration tests.
//
// Listens on 127.0.0.1 (h2c, prior knowledge; the port is chosen by the system) and prints
// {"port": N} as its first line. Every POST is read to its end, checked for what a push service
// checks cheaply (aes128gcm, a VAPID Authorization header, TTL, an RFC 8188 header with a 65-byte
// key id) and answered 201 with a Location, its headers first and the end of the stream 2 ms later (a
// server that still has work to do after its headers, or trailers to send). A client that drops the response after its
// headers therefore resets the stream, and this server sees it.
//
// It counts, per path, how many messages it accepted, and at the HTTP/2 level: sessions
// (connections), streams, streams that ended in a reset or were aborted, GOAWAY frames received,
// and session errors (nghttp2 ends a session that resets too many streams: the rapid-reset
// protection added after CVE-2023-44487). On stdin, "stats" prints the counts as one JSON line,
// "paths" prints them with the per-path counts; stdin closing ends the process.
import http2 from 'node:http2';
import readline from 'node:readline';

const { NGHTTP2_NO_ERROR } = http2.constants;
const counts = {
  sessions: 0,
  streams: 0,
  resets: 0,
  aborted: 0,
  goawaysReceived: 0,
  sessionErrors: 0,
  requests: 0,
  accepted: 0,
  refused: 0,
};
const perPath = new Map();

const server = http2.createServer({ settings: { maxConcurrentStreams: 1000 } });

server.on('session', (session) => {
  counts.sessions++;
  session.on('goaway', () => counts.goawaysReceived++);
  session.on('error', () => counts.sessionErrors++);
});

server.on('stream', (stream, headers) => {
  counts.streams++;
  stream.on('aborted', () => counts.aborted++);
  stream.on('close', () => {
    if (stream.rstCode !== undefined && stream.rstCode !== NGHTTP2_NO_ERROR) {
      counts.resets++;
    }
  });
  stream.on('error', () => {});

  const chunks = [];
  let length = 0;
  stream.on('data', (chunk) => {
    length += chunk.length;
    if (length <= 4096) {
      chunks.push(chunk);
    }
  });
  stream.on('end', () => {
    if (stream.destroyed) {
      return;
    }
    counts.requests++;
    const path = headers[':path'];
    const body = Buffer.concat(chunks);
    const ok = headers[':method'] === 'POST'
      && headers['content-encoding'] === 'aes128gcm'
      && /^vapid t=[^,]+, ?k=/.test(headers['authorization'] ?? '')
      && /^\d+$/.test(headers['ttl'] ?? '')
      && length <= 4096
      && body.length > 86 + 16
      && body.readUInt32BE(16) === 4096
      && body[20] === 65
      && body[21] === 0x04;
    if (!ok) {
      counts.refused++;
      stream.respond({ ':status': 400 }, { endStream: true });
      return;
    }

    counts.accepted++;
    perPath.set(path, (perPath.get(path) ?? 0) + 1);
    stream.respond({ ':status': 201, location: `/m/${counts.accepted}` });
    setTimeout(() => {
      if (!stream.destroyed) {
        stream.end();
      }
    }, 2);
  });
});

function stats(withPaths) {
  let delivered = 0;
  let duplicates = 0;
  for (const n of perPath.values()) {
    delivered++;
    duplicates += n - 1;
  }
  const result = { ...counts, delivered, duplicates };
  if (withPaths) {
    result.paths = Object.fromEntries(perPath);
  }
  return JSON.stringify(result);
}

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});

const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => {
  const command = line.trim();
  if (command === 'stats' || command === 'paths') {
    process.stdout.write(stats(command === 'paths') + '\n');
  }
});
input.on('close', () => {
  server.close();
  process.exit(0);
});
