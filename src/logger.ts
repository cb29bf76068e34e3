import { type Logger, pino } from 'pino';

/** Paths that may hold secrets; pino replaces them before a line is written. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.key',
  '*.secret',
  '*.apiKey',
  '*.authorization',
  '*.cookie',
  '*["set-cookie"]',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service: 'regis' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination as never,
  );
}
