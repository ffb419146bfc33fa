import { useCallback, useState } from 'react';
import { drillQuestion } from '../../../../shared/charts/drill';
import { Icon } from '../../app/icons';
import { DataTable } from '../../app/ui/DataTable';
import { ErrorNotice } from '../../app/ui/ErrorNotice';
import { RunProgress } from '../../app/ui/RunProgress';
import { ChartView } from '../../charts/ChartView';
import { SaveToDashboardDialog } from '../dashboards/SaveToDashboardDialog';
import { HowComputed, InsightCard } from '../insights/InsightCard';
import { CreateReportDialog } from '../reports/CreateReportDialog';
import { AnswerDetails } from './AnswerDetails';
import type { Turn } from './chatStore';
import { Headline } from './Headline';
import { useSession } from '../../stores/session';
import { ResultActions } from '../../app/ui/ResultActions';
import { VerifyButton } from './VerifyButton';

const CHART_HEIGHT = 300;
/** The chart plus its header row: the skeleton holds exactly this space so nothing jumps (a number card is shorter and holds only its own). */
const CHART_SLOT = CHART_HEIGHT + 48;

interface TurnProps {
  turn: Turn;
  technical: boolean;
  projectId: string | null;
  onAsk: (question: string, clarificationId?: string) => void;
  onFeedback: (feedback: 'up' | 'down' | null) => void;
  onChartChange: (chart: NonNullable<Turn['answer']>['chart'] & object) => void;
}

function Skeleton({ height, words }: { height: number; words: string }) {
  return <div className="skeleton" style={{ height }} aria-hidden="true">{words}</div>;
}

/** One question and its answer, streamed into fixed slots: headline, chart, why, details. */
export function TurnView({ turn, technical, projectId, onAsk, onFeedback, onChartChange }: TurnProps) {
  const [saving, setSaving] = useState(false);
  const canSave = useSession((s) => Boolean(s.user?.permissions.includes('dashboards:manage')));
  const [reporting, setReporting] = useState<'answer' | 'conversation' | null>(null);
  const [showRows, setShowRows] = useState(technical);
  const { answer, partial } = turn;
  const streaming = turn.status === 'streaming';
  const result = answer?.result ?? partial.result;
  const chart = answer?.chart ?? partial.chart;
  const narrative = answer ? answer.narrative : partial.narrative;
  const sql = answer?.sql ?? partial.sql;
  const headline = answer?.headline ?? (chart && result ? chart.title : undefined);
  const failed = answer && (answer.kind === 'error' || answer.kind === 'refusal');
  const primary = answer?.insights?.find((i) => i.headline === answer.headline);
  const cards = answer?.insights?.filter((i) => i !== primary) ?? [];
  const drill = useCallback((category: string) => { if (chart) onAsk(drillQuestion(chart, category)); }, [onAsk, chart]);

  return (
    <article className="col" style={{ gap: 10 }} aria-label={`Answer to: ${turn.question}`} data-testid="turn" data-status={turn.status}>
      {turn.question ? (
        <div className="row" style={{ justifyContent: 'flex-end' }}>
          <div className="card" style={{ padding: '8px 14px', background: 'var(--accent-soft)', borderColor: 'transparent', maxWidth: '80%' }} data-testid="question">{turn.question}</div>
        </div>
      ) : null}
      <div className="card card-pad col" style={{ gap: 14 }} aria-busy={streaming} data-testid="answer">
        {streaming ? <RunProgress label={partial.stage?.label ?? 'Working…'} progress={partial.stage?.progress} /> : null}
        {turn.status === 'cancelled' ? (
          <div className="row alert" role="status"><span className="grow">Stopped. Nothing else will run for this question.</span>
            <button className="btn btn-sm" onClick={() => onAsk(turn.question)}><Icon name="refresh" size={15} />Retry</button></div>
        ) : null}
        {turn.status === 'error' && turn.error ? <ErrorNotice error={turn.error} technical={technical} onRetry={turn.question ? () => onAsk(turn.question) : undefined} /> : null}

        {/* A verified answer says so here, once: its explanation ("re-ran the verified query") is not repeated below. */}
        {answer?.verified ? <p className="alert" role="note" data-testid="answer-verified"><Icon name="shield" size={15} /> Verified answer: the query a person verified for “{answer.verified.question}”.</p> : null}
        {answer?.notUnderstood ? <p className="alert alert-warn" role="note" data-testid="answer-not-understood">{answer.notUnderstood.message}</p> : null}
        {headline && !failed ? <Headline text={headline} /> : streaming ? <Skeleton height={28} words="Finding the answer…" /> : null}
        {answer?.filters && !failed ? <p className="muted small row" style={{ marginTop: -8, gap: 6, alignItems: 'flex-start' }} data-testid="answer-filters"><Icon name="filter" size={14} /><span>{answer.filters.message}</span></p> : null}
        {failed && answer ? <ErrorNotice error={{ message: answer.headline, hint: answer.error?.hint, detail: answer.error?.message }} technical={technical} onRetry={() => onAsk(turn.question)} /> : null}

        {answer?.kind === 'clarification' && answer.clarification ? (
          <div className="col" style={{ gap: 8 }} role="group" aria-label="Which did you mean?">
            <p>{answer.clarification.question}</p>
            <div className="row" style={{ flexWrap: 'wrap' }}>
              {answer.clarification.options.map((option) => (
                <button key={option.id} className="chip" data-testid="clarification-option" onClick={() => onAsk(turn.question, option.id)} title={option.description}>
                  {option.label}{option.description ? <span className="muted small"> · {option.description}</span> : null}
                </button>
              ))}
            </div>
          </div>
        ) : null}

        {primary ? <InsightCard insight={primary} technical={technical} primary /> : null}

        {chart && result && chart.type !== 'table' ? (
          <div style={{ minHeight: chart.type === 'kpi' ? undefined : CHART_SLOT }}><ChartView spec={chart} result={result} height={CHART_HEIGHT} titleVisuallyHidden={Boolean(answer?.headline)} onSpecChange={answer ? onChartChange : undefined} onDrill={answer ? drill : undefined} /></div>
        ) : streaming && answer?.kind !== 'clarification' && !primary ? <Skeleton height={CHART_SLOT} words={result ? 'Drawing the chart…' : 'Reading the data…'} /> : null}

        {narrative ? <div className="col" style={{ gap: 4 }}><span className="label">Why</span><p data-testid="answer-narrative">{narrative}</p></div>
          : streaming ? <Skeleton height={44} words="Writing the why…" /> : null}

        {answer?.actions.length ? (
          <div className="col" style={{ gap: 4 }}><span className="label">What to do next</span>
            <ul style={{ margin: 0, paddingLeft: 20 }}>{answer.actions.map((a, i) => <li key={i}>{a}</li>)}</ul></div>
        ) : null}

        {primary ? <HowComputed insight={primary} open={technical} /> : null}

        {cards.map((insight, i) => <InsightCard key={i} insight={insight} technical={technical} />)}

        {!failed ? <AnswerDetails sql={sql} explanation={answer?.verified ? undefined : answer?.explanation ?? partial.explanation} mappings={answer?.mappings ?? []} confidence={answer?.confidence ?? partial.confidence} route={answer?.route} open={technical} /> : null}

        {result && !streaming ? (
          <div className="col" style={{ gap: 8 }}>
            <div className="row" style={{ flexWrap: 'wrap' }}>
              <button className="btn btn-ghost btn-sm" aria-expanded={showRows} onClick={() => setShowRows(!showRows)}><Icon name="table" size={15} />{showRows ? 'Hide' : 'Show'} {result.rowCount === 1 ? 'the row' : `the ${result.rowCount.toLocaleString('en-US')} rows`}</button>
              <ResultActions table={result} title={chart?.title ?? turn.question} />
              <div className="spacer" />
              {answer ? (
                <>
                  <button className="btn btn-ghost btn-icon" aria-label="Good answer" aria-pressed={turn.feedback === 'up'} onClick={() => onFeedback(turn.feedback === 'up' ? null : 'up')}><Icon name="up" size={16} /></button>
                  <button className="btn btn-ghost btn-icon" aria-label="Bad answer" aria-pressed={turn.feedback === 'down'} onClick={() => onFeedback(turn.feedback === 'down' ? null : 'down')}><Icon name="down" size={16} /></button>
                  {chart && answer.messageId && projectId && canSave ? <button className="btn btn-sm" onClick={() => setSaving(true)}><Icon name="pin" size={15} />Save to dashboard</button> : null}
                  {answer.kind === 'answer' && answer.messageId && !answer.verified ? <VerifyButton messageId={answer.messageId} /> : null}
                  {answer.kind === 'answer' && sql ? <button className="btn btn-sm" onClick={() => setReporting('answer')}><Icon name="reports" size={15} />Report this answer</button> : null}
                  {answer.kind === 'answer' && sql ? <button className="btn btn-sm" onClick={() => setReporting('conversation')}>Report the conversation</button> : null}
                </>
              ) : null}
            </div>
            {showRows ? <DataTable result={result} label={`Rows for: ${turn.question}`} pageSize={10} /> : null}
          </div>
        ) : null}

        {answer?.followUps.length && !streaming ? (
          <div className="col" style={{ gap: 6 }}>
            <span className="label">Ask next</span>
            <div className="row" style={{ flexWrap: 'wrap' }}>
              {answer.followUps.map((f) => <button key={f} className="chip" data-testid="follow-up" onClick={() => onAsk(f)}>{f}</button>)}
            </div>
          </div>
        ) : null}
      </div>
      {reporting && answer ? (
        <CreateReportDialog origin={reporting === 'answer' ? { kind: 'answer', messageId: answer.messageId } : { kind: 'conversation', conversationId: answer.conversationId }}
          defaultTitle={reporting === 'answer' ? answer.headline : turn.question} onClose={() => setReporting(null)} />
      ) : null}
      {saving && chart && answer?.messageId && projectId ? (
        <SaveToDashboardDialog projectId={projectId} thing={{ messageId: answer.messageId }} question={turn.question} chart={chart} onClose={() => setSaving(false)} />
      ) : null}
    </article>
  );
}
