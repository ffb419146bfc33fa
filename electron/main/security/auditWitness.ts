import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditCheckpoint, CheckpointSink } from './auditCheckpoints';

/** Where signed checkpoints are also sent, outside the data folder (AISER_AUDIT_WITNESS_FILE, AISER_AUDIT_SYSLOG). */
export interface AuditWitnessConfig {
  /** A file outside the data folder that receives every checkpoint (append-only); verification reads it too. */
  file?: string;
  /** `udp://host:port` of a syslog collector that receives every checkpoint (RFC 5424). */
  syslog?: string;
}

export class WitnessConfigError extends Error {
  override name = 'WitnessConfigError';
}

/** Checks the witness settings: the file must be outside the data folder (else it is no witness). */
export function checkWitnessConfig(dataDir: string, witness: AuditWitnessConfig): void {
  if (witness.file) {
    const relative = path.relative(path.resolve(dataDir), path.resolve(witness.file));
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
      throw new WitnessConfigError(`AISER_AUDIT_WITNESS_FILE (${witness.file}) is inside the data folder; choose a file elsewhere (another disk, or a folder only the operator can write).`);
    }
  }
  if (witness.syslog) syslogTarget(witness.syslog);
}

/** The sinks a checkpoint is handed to besides the local log. */
export function witnessSinks(witness: AuditWitnessConfig): CheckpointSink[] {
  const sinks: CheckpointSink[] = [];
  if (witness.file) {
    const file = witness.file;
    sinks.push((_checkpoint, line) => fs.appendFileSync(file, `${line}\n`, { mode: 0o600 }));
  }
  if (witness.syslog) {
    const target = syslogTarget(witness.syslog);
    sinks.push((checkpoint, line) => sendSyslog(target, checkpoint, line));
  }
  return sinks;
}

function syslogTarget(url: string): { host: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WitnessConfigError(`AISER_AUDIT_SYSLOG must look like udp://host:514, got "${url}".`);
  }
  if (parsed.protocol !== 'udp:' || !parsed.hostname) throw new WitnessConfigError(`AISER_AUDIT_SYSLOG must look like udp://host:514, got "${url}".`);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 514) };
}

/** facility local0 (16), severity notice (5): priority 133. */
const SYSLOG_PRIORITY = 133;

function sendSyslog(target: { host: string; port: number }, checkpoint: AuditCheckpoint, line: string): void {
  const message = `<${SYSLOG_PRIORITY}>1 ${checkpoint.at} ${os.hostname()} aiser - audit-checkpoint - ${line}`;
  const socket = dgram.createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  socket.on('error', () => socket.close());
  socket.send(message, target.port, target.host, () => socket.close());
}
