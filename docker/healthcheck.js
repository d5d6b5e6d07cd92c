// The image's HEALTHCHECK: exit 0 when this container's GET /health answers 200 within 4 s, else 1.
// Plain Node (node:*-slim has neither curl nor wget); /health answers 503 while Redis is away.
'use strict';
const http = require('node:http');

const request = http.get(
  { host: '127.0.0.1', port: Number(process.env.PORT || 3000), path: '/health', timeout: 4000 },
  (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', (error) => {
  process.stderr.write(`healthcheck: ${error.message}\n`);
  process.exit(1);
});
