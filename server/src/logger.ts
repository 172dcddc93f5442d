import pino, { type Logger } from 'pino';

/** JSON logs in production and CI; readable lines on a developer's terminal. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', '*.password', '*.passwordHash', '*.session_key', '*.idNumber'], censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}
