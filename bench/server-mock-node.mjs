// The in-memory mock as the server bench's baseline: one process serving the mock clinic over
// HTTP with the bench's directory (a seed file named by argv[2]), plus GET /__memory for its
// memory figures. Prints {"port":…} once listening.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createClinicBackend } from '../mock-server/clinic-backend.js';
import { createNodeHandler } from '../mock-server/node-server.mjs';

const seed = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const backend = createClinicBackend({ seed });
const api = createNodeHandler(backend);
const server = createServer((req, res) => {
  if (req.url === '/__memory') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(process.memoryUsage()));
    return;
  }
  if (!api(req, res)) res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
