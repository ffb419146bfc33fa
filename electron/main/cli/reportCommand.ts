import fs from 'node:fs';
import type { ReportOrigin } from '../../../shared/api/domains/reports';
import { AUDIENCES, REPORT_FORMAT_IDS, type Audience, type ReportFormatId } from '../../../shared/reports/model';
import { loadConfig } from '../config';
import { createContainer } from '../container';
import { UsageError, flag, parseArgs } from './args';

const USAGE = [
  'Usage: aiser report --from dashboard:<id>|conversation:<id>|answer:<message id>|insights:<project id> --format pdf|pptx|html --audience board|executive|analyst --out FILE [--title T]',
  '       aiser report run-due      run every scheduled report that is due (missed runs included)',
  'The report runs as AISER_EMAIL / AISER_PASSWORD: your permissions, row rules and masking.',
].join('\n');

function originOf(from: string): ReportOrigin {
  const [kind, id] = from.split(/:(.*)/s, 2);
  if (!id) throw new UsageError(`--from needs kind:id, e.g. dashboard:1b2c…; got "${from}".`);
  if (kind === 'dashboard') return { kind, dashboardId: id };
  if (kind === 'conversation') return { kind, conversationId: id };
  if (kind === 'answer') return { kind, messageId: id };
  if (kind === 'insights') return { kind, projectId: id, window: 'last-month' };
  throw new UsageError(`--from must start with dashboard:, conversation:, answer: or insights:; got "${kind}:".`);
}

/** Exit codes: 0 ok, 2 usage, 4 the report failed. */
export async function runReportCommand(args: string[]): Promise<number> {
  try {
    if (args[0] === 'run-due') return await runDue();
    const parsed = parseArgs(args, { values: ['from', 'format', 'audience', 'out', 'title'] });
    const from = flag(parsed, 'from');
    const format = (flag(parsed, 'format') ?? 'pdf') as ReportFormatId;
    const audience = (flag(parsed, 'audience') ?? 'executive') as Audience;
    const out = flag(parsed, 'out');
    if (!from || !out) throw new UsageError('--from and --out are required.');
    if (!REPORT_FORMAT_IDS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMAT_IDS.join(', ')}.`);
    if (!AUDIENCES.includes(audience)) throw new UsageError(`--audience must be one of ${AUDIENCES.join(', ')}.`);
    const origin = originOf(from);
    const email = process.env.AISER_EMAIL;
    const password = process.env.AISER_PASSWORD;
    if (!email || !password) throw new UsageError('Set AISER_EMAIL and AISER_PASSWORD so the report runs as you (with your permissions and masking).');
    const container = await createContainer(loadConfig());
    try {
      const { ctx } = await container.services.auth.signIn(email, password, { userAgent: 'aiser-cli' });
      const { file, run } = await container.services.reports.create(ctx, { origin, format, audience, title: flag(parsed, 'title') });
      fs.writeFileSync(out, file);
      process.stdout.write(`Wrote ${out} (${file.length.toLocaleString('en-US')} bytes, ${run.title}).\n`);
      return 0;
    } finally {
      await container.dispose();
    }
  } catch (error) {
    const err = error as Error & { hint?: string };
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`Error: ${err.message}${err.hint ? `\n${err.hint}` : ''}\n`);
    return 4;
  }
}

async function runDue(): Promise<number> {
  const container = await createContainer(loadConfig());
  try {
    const runs = await container.services.reportScheduler.runDue();
    for (const run of runs) process.stdout.write(`${run.status.padEnd(9)} ${run.title} (${run.format})${run.error ? ` — ${run.error}` : ''}\n`);
    if (!runs.length) process.stdout.write('No scheduled report is due.\n');
    return runs.some((r) => r.status !== 'succeeded') ? 4 : 0;
  } finally {
    await container.dispose();
  }
}
