/**
 * A local SMTP server that keeps every message it is given and delivers none. The host app's
 * email plugin is pointed at it (SMTP_HOST/SMTP_PORT), so that no mail can leave this machine:
 * without it, Strapi's default provider, sendmail, would try to deliver to the recipients' own
 * mail servers.
 */
import type { Server } from 'node:net';

interface SmtpServerOptions {
  authOptional: boolean;
  disabledCommands: string[];
  logger: boolean;
  onData: (stream: NodeJS.ReadableStream, session: unknown, callback: () => void) => void;
}

const { SMTPServer } = require('smtp-server') as {
  SMTPServer: new (options: SmtpServerOptions) => {
    server: Server;
    listen: (port: number, host: string, callback: () => void) => void;
    close: (callback: () => void) => void;
  };
};

export interface SmtpSink {
  port: number;
  /** Raw messages received, oldest first. */
  messages: () => string[];
  close: () => Promise<void>;
}

export const startSmtpSink = async (): Promise<SmtpSink> => {
  const messages: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    messages: () => [...messages],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
