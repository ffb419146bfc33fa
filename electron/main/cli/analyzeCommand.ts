/** `aiser analyze forecast|anomalies|test --in <file> [--horizon H] [--season N] [--json]`: the
 *  analytics library on a CSV series or a JSON test spec. */
import fs from 'node:fs';
import path from 'node:path';
import { AnalyticsInputError, detectAnomalies, forecast, runTest, timeAxis, type TestSpec } from '../analytics/index';
import { flag, parseArgs, UsageError, type ParsedArgs } from './args';
import { parseSeriesCsv } from './seriesCsv';

const USAGE = [
  'Usage: aiser analyze forecast --in series.csv --horizon H [--season N] [--json]',
  '       aiser analyze anomalies --in series.csv [--season N] [--incomplete-last] [--json]',
  '       aiser analyze test --in spec.json [--json]',
  'series.csv has the header t,value (t a YYYY-MM-DD date or an integer index); spec.json is',
  '{"test": "welch_t"|"mann_whitney"|"chi_square"|"fisher_exact"|"two_proportions"|"pearson"|"spearman", "a": [..], "b": [..]} or {"test", "table": [[..],[..]]}.',
].join('\n');

/** JSON numbers only: non-finite values become null. */
const num = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

function readInput(parsed: ParsedArgs): { file: string; text: string } {
  const input = flag(parsed, 'in');
  if (!input) throw new UsageError('--in is required.');
  const file = path.resolve(input);
  if (!fs.existsSync(file)) throw new UsageError(`--in: no file at ${file}.`);
  return { file: input, text: fs.readFileSync(file, 'utf8') };
}

function wholeNumber(parsed: ParsedArgs, name: string, required: boolean): number | undefined {
  const raw = flag(parsed, name);
  if (raw === undefined) {
    if (required) throw new UsageError(`--${name} is required.`);
    return undefined;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1) throw new UsageError(`--${name} must be a whole number ≥ 1 (got "${raw}").`);
  return value;
}

function runForecast(parsed: ParsedArgs) {
  const horizon = wholeNumber(parsed, 'horizon', true)!;
  const season = wholeNumber(parsed, 'season', false);
  const { file, text } = readInput(parsed);
  const series = parseSeriesCsv(text, file);
  const axis = timeAxis(series.times);
  const result = forecast(series.values, { horizon, season, frequency: axis.frequency });
  if (season && result.season !== season) process.stderr.write(`aiser analyze forecast: ${series.values.length} points are too few for a season of ${season} (it needs ${2 * season + 2}); forecasting without one.\n`);
  const times = axis.next(horizon);
  const out = {
    method: result.method,
    model: result.model,
    season: result.season,
    forecast: result.points.map((p, i) => ({ t: times[i], mean: p.mean, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 })),
    backtest: { mase: num(result.backtest.mase), smape: num(result.backtest.smape) },
  };
  const lines = [
    `${result.model} (season ${result.season}); backtest MASE ${out.backtest.mase?.toFixed(3) ?? 'n/a'}, sMAPE ${out.backtest.smape?.toFixed(2) ?? 'n/a'}%`,
    ...out.forecast.map((p) => `${p.t}\t${p.mean.toFixed(2)}\t80% [${p.lo80.toFixed(2)}, ${p.hi80.toFixed(2)}]\t95% [${p.lo95.toFixed(2)}, ${p.hi95.toFixed(2)}]`),
  ];
  return { json: out, text: lines.join('\n') };
}

function runAnomalies(parsed: ParsedArgs) {
  const season = wholeNumber(parsed, 'season', false);
  const { file, text } = readInput(parsed);
  const series = parseSeriesCsv(text, file);
  const axis = timeAxis(series.times);
  const result = detectAnomalies(series.values, { season, frequency: axis.frequency, incompleteLast: parsed.flags['incomplete-last'] === true });
  const out = {
    season: result.season,
    anomalies: result.anomalies.map((a) => ({
      t: series.times[a.index], kind: a.kind, value: a.value, expected: a.expected, lo: a.lo, hi: a.hi, score: a.score, confidence: a.confidence, methods: a.methods,
    })),
  };
  const lines = [
    `${out.anomalies.length} anomal${out.anomalies.length === 1 ? 'y' : 'ies'} in ${result.examined} points (season ${result.season})`,
    ...out.anomalies.map((a) => `${a.t}\t${a.kind}\t${a.value} (expected ${a.expected.toFixed(2)}, range ${a.lo.toFixed(2)}–${a.hi.toFixed(2)})\tscore ${a.score}\tconfidence ${a.confidence}\t${a.methods.join(',')}`),
  ];
  return { json: out, text: lines.join('\n') };
}

function runTestSpec(parsed: ParsedArgs) {
  const { file, text } = readInput(parsed);
  let spec: TestSpec;
  try {
    spec = JSON.parse(text) as TestSpec;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON (${(error as Error).message}).`);
  }
  const result = runTest(spec);
  const out: Record<string, unknown> = { statistic: num(result.statistic), p_value: num(result.pValue) };
  if (result.df !== undefined) out.df = num(result.df);
  out.effect_size = num(result.effectSize);
  if (result.ci) out.ci = result.ci.map(num);
  const lines = [
    result.method,
    `${result.statisticName} = ${result.statistic ?? 'undefined'}${result.df !== undefined ? `, df = ${result.df}` : ''}, p-value = ${result.pValue}`,
    `${result.effectSizeName} = ${result.effectSize ?? 'undefined'}${result.ci ? `; 95% CI of the ${result.ciOf}: [${result.ci[0]}, ${result.ci[1]}]` : ''}`,
  ];
  return { json: out, text: lines.join('\n') };
}

const SUBCOMMANDS = { forecast: runForecast, anomalies: runAnomalies, test: runTestSpec } as const;

/** Exit codes: 0 ok, 1 bad input data, 2 usage. */
export async function runAnalyzeCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !Object.hasOwn(SUBCOMMANDS, sub)) {
    process.stderr.write(`${sub ? `aiser analyze: unknown analysis "${sub}".\n` : ''}${USAGE}\n`);
    return 2;
  }
  try {
    const parsed = parseArgs(rest, { values: ['in', 'horizon', 'season'], booleans: ['json', 'incomplete-last'] });
    const result = SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS](parsed);
    process.stdout.write(parsed.flags.json ? `${JSON.stringify(result.json)}\n` : `${result.text}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof AnalyticsInputError) {
      process.stderr.write(`aiser analyze ${sub}: ${error.message}\n`);
      if (error instanceof UsageError && /^--/.test(error.message)) process.stderr.write(`${USAGE}\n`);
      return error instanceof UsageError && /^--|Unknown option/.test(error.message) ? 2 : 1;
    }
    throw error;
  }
}
