/**
 * JSON logs (pino). What a line may hold: ids, routes, status codes, error codes, timings. Never
 * names, notes, signal payloads or tokens: request logging records the route pattern (not the
 * URL's query) and no headers or bodies, and the paths below are redacted should one slip in.
 */
import pino from 'pino';

export function createLogger(level: string, nodeId: string) {
  return pino({
    level,
    base: { node: nodeId },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token', '*.token', 'note', '*.note', 'name', '*.name', 'payload', '*.payload'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method?: string; routeOptions?: { url?: string }; url?: string; id?: string }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? 'unknown',
        id: req.id,
      }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
