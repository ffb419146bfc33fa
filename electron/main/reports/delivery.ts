import fs from 'node:fs';
import path from 'node:path';
import type nodemailer from 'nodemailer';
import { lazyRequire } from '../startup/lazyRequire';

const loadNodemailer = lazyRequire<typeof nodemailer>('nodemailer');

/** SMTP settings from the environment (see README): AISER_SMTP_URL, or AISER_SMTP_HOST with
 *  _PORT, _SECURE, _USER, _PASSWORD; AISER_SMTP_FROM names the sender. */
export interface SmtpConfig { url?: string; host?: string; port: number; secure: boolean; user?: string; password?: string; from: string; rejectUnauthorized: boolean }

export function smtpConfigFromEnv(env: NodeJS.ProcessEnv): SmtpConfig | null {
  if (!env.AISER_SMTP_URL && !env.AISER_SMTP_HOST) return null;
  const port = Number(env.AISER_SMTP_PORT ?? 587);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw Object.assign(new Error(`Configuration error: AISER_SMTP_PORT must be a port number; got "${env.AISER_SMTP_PORT}".`), { name: 'ConfigError' });
  return {
    url: env.AISER_SMTP_URL, host: env.AISER_SMTP_HOST, port, secure: env.AISER_SMTP_SECURE === 'true', user: env.AISER_SMTP_USER, password: env.AISER_SMTP_PASSWORD,
    from: env.AISER_SMTP_FROM ?? 'Aiser reports <reports@aiser.local>', rejectUnauthorized: env.AISER_SMTP_TLS_REJECT_UNAUTHORIZED !== 'false',
  };
}

export interface Attachment { fileName: string; mimeType: string; content: Buffer }

export interface Mailer {
  send(message: { to: string; subject: string; text: string; attachment: Attachment }): Promise<void>;
}

export class SmtpMailer implements Mailer {
  private readonly transport;
  constructor(private readonly config: SmtpConfig) {
    this.transport = config.url
      ? loadNodemailer().createTransport(config.url)
      : loadNodemailer().createTransport({ host: config.host, port: config.port, secure: config.secure, auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined, tls: { rejectUnauthorized: config.rejectUnauthorized } });
  }

  async send(message: { to: string; subject: string; text: string; attachment: Attachment }): Promise<void> {
    await this.transport.sendMail({
      from: this.config.from, to: message.to, subject: message.subject, text: message.text,
      attachments: [{ filename: message.attachment.fileName, content: message.attachment.content, contentType: message.attachment.mimeType }],
    });
  }
}

/** Writes a report into a delivery folder (created when missing), never over another file. */
export function deliverToFolder(folder: string, attachment: Attachment): string {
  if (!path.isAbsolute(folder)) throw Object.assign(new Error(`The delivery folder must be an absolute path; got "${folder}".`), { name: 'ValidationError' });
  ensureFolder(folder);
  const ext = path.extname(attachment.fileName);
  const base = path.basename(attachment.fileName, ext);
  let target = path.join(folder, attachment.fileName);
  for (let i = 2; fs.existsSync(target); i++) target = path.join(folder, `${base}-${i}${ext}`);
  fs.writeFileSync(target, attachment.content, { mode: 0o600 });
  return target;
}

/** Creates the missing levels one by one: a recursive mkdir spins forever on some virtual file
 *  systems (/proc), where a level can neither be created nor found. */
function ensureFolder(folder: string): void {
  const missing: string[] = [];
  let dir = path.resolve(folder);
  while (!fs.existsSync(dir)) {
    missing.unshift(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const level of missing) fs.mkdirSync(level);
}
