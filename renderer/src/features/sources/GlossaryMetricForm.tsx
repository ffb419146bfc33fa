import { METRIC_FORMATS, type FieldErrors, type MetricDraft } from './glossaryDraft';
import { TextField } from './GlossaryFields';

const FORMAT_LABELS: Record<string, string> = { '': 'Not set', currency: 'Currency ($13.9M)', integer: 'Whole number (1,204)', number: 'Number (3.14)', percent: 'Percent (8.2%)' };

/** The fields of one metric; errors come keyed by `metrics.<index>.<field>`. */
export function GlossaryMetricForm({ index, metric, isNew, errors, onChange, onDone }: {
  index: number; metric: MetricDraft; isNew: boolean; errors: FieldErrors; onChange: (metric: MetricDraft) => void; onDone: () => void;
}) {
  const id = (field: string) => `glossary-metric-${index}-${field}`;
  const error = (field: string) => errors[`metrics.${index}.${field}`];
  const set = (field: keyof MetricDraft) => (value: string) => onChange({ ...metric, [field]: value });
  return (
    <fieldset className="glossary-form">
      <legend className="glossary-form-title">{isNew ? 'New metric' : `Edit metric “${metric.name.trim() || 'without a name'}”`}</legend>
      <div className="glossary-grid">
        <TextField id={id('name')} label="Name" required value={metric.name} onChange={set('name')} error={error('name')} placeholder="big orders" />
        <TextField id={id('synonyms')} label="Synonyms" value={metric.synonyms} onChange={set('synonyms')} error={error('synonyms')} placeholder="large orders, whales" help="Other words people use, separated by commas." />
        <div className="glossary-wide">
          <TextField id={id('expression')} label="Expression" required mono value={metric.expression} onChange={set('expression')} error={error('expression')} placeholder="SUM(order_items.amount)" help="A SQL aggregate over table.column references." />
        </div>
        <div className="glossary-wide">
          <TextField id={id('filter')} label="Filter" mono value={metric.filter} onChange={set('filter')} error={error('filter')} placeholder="orders.status <> 'cancelled'" help="A condition always applied with this metric. Use {as_of} for the date of a snapshot." />
        </div>
        <TextField id={id('time')} label="Time column" mono value={metric.time} onChange={set('time')} error={error('time')} placeholder="orders.order_date" help="Leave empty for a point-in-time snapshot." />
        <div className="field">
          <label htmlFor={id('format')}>Format <span className="muted">(optional)</span></label>
          <select id={id('format')} className="select" value={metric.format} onChange={(e) => set('format')(e.target.value)}>
            {['', ...METRIC_FORMATS, ...(metric.format && !(METRIC_FORMATS as readonly string[]).includes(metric.format) ? [metric.format] : [])]
              .map((f) => <option key={f} value={f}>{FORMAT_LABELS[f] ?? f}</option>)}
          </select>
        </div>
        <div className="glossary-wide">
          <TextField id={id('description')} label="Description" multiline value={metric.description} onChange={set('description')} error={error('description')} placeholder="What it counts and what it leaves out." />
        </div>
      </div>
      <div className="row"><div className="spacer" /><button type="button" className="btn btn-sm" onClick={onDone}>Done</button></div>
    </fieldset>
  );
}
