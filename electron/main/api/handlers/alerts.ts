import type { AlertRuleView, AlertView } from '../../../../shared/api/domains/alerts';
import { ApiError } from '../../../../shared/api/errors';
import { answerLineage } from '../../admin/answerLineage';
import { conditionOf } from '../../admin/alerts/conditions';
import { isAlertEventKind } from '../../admin/alerts/kinds';
import type { Services } from '../../services';
import type { Alert, AlertRule } from '../../store';
import type { HandlerGroup } from '../types';

type AlertKeys = 'alerts/list' | 'alerts/acknowledge' | 'alerts/resolve' | 'alertRules/list' | 'alertRules/save' | 'alertRules/remove'
  | 'compliance/export' | 'compliance/exportPdf' | 'lineage/answer' | 'sessions/list' | 'sessions/revoke';

function alertView(alert: Alert): AlertView {
  const { id, kind, severity, message, ruleId, createdAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy } = alert;
  return { id, kind, severity, message, ruleId, createdAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, status: resolvedAt ? 'resolved' : acknowledgedAt ? 'acknowledged' : 'open' };
}

function ruleView(rule: AlertRule): AlertRuleView {
  return { id: rule.id, name: rule.name, metric: rule.metric, enabled: rule.enabled, builtIn: isAlertEventKind(rule.metric), condition: conditionOf(rule) };
}

export function alertHandlers(services: Services): HandlerGroup<AlertKeys> {
  const { store } = services;
  const { alerts, compliance } = services.admin;
  return {
    'alerts/list': async ({ status, limit }, call) => {
      await alerts.settled();
      await alerts.ensureDefaultRules(call.auth);
      return (await store.alerts.list(call.auth, { status, limit })).map(alertView);
    },
    'alerts/acknowledge': async ({ id }, call) => {
      const alert = await store.alerts.acknowledge(call.auth, id);
      await store.audit.append(call.auth, { action: 'alert.acknowledge', target: id });
      return alertView(alert);
    },
    'alerts/resolve': async ({ id }, call) => {
      const alert = await store.alerts.resolve(call.auth, id);
      await store.audit.append(call.auth, { action: 'alert.resolve', target: id });
      return alertView(alert);
    },
    'alertRules/list': async (_req, call) => {
      await alerts.ensureDefaultRules(call.auth);
      return (await store.alertRules.list(call.auth)).map(ruleView);
    },
    'alertRules/save': async ({ id, name, metric, enabled, condition }, call) => {
      if (!isAlertEventKind(metric) && (condition.op === undefined || condition.threshold === undefined)) {
        throw new ApiError('VALIDATION_FAILED', `A rule on the metric "${metric}" needs a comparison and a threshold.`, { field: 'condition.threshold', hint: 'For example: average above 5000 over 15 minutes.' });
      }
      const saved = id ? await store.alertRules.update(call.auth, id, { name, metric, enabled, condition }) : await store.alertRules.create(call.auth, { name, metric, enabled, condition });
      await store.audit.append(call.auth, { action: 'alert.rule_saved', target: saved.id, details: { name, metric, enabled } });
      return ruleView(saved);
    },
    'alertRules/remove': async ({ id }, call) => {
      const rule = await store.alertRules.get(call.auth, id);
      if (isAlertEventKind(rule.metric)) throw new ApiError('CONFLICT', 'Built-in rules cannot be removed.', { hint: 'Turn the rule off instead.' });
      await store.alertRules.delete(call.auth, id);
      await store.audit.append(call.auth, { action: 'alert.rule_removed', target: id });
      return { ok: true as const };
    },
    'compliance/exportPdf': async ({ from, to }, call) => {
      const report = await compliance.pdf(call.auth, from, to);
      await store.audit.append(call.auth, { action: 'compliance.export', details: { from, to, rows: report.rows, format: 'pdf' } });
      return { filename: `compliance-${from}-to-${to}.pdf`, mimeType: 'application/pdf' as const, base64: report.content.toString('base64'), rows: report.rows, sections: report.sections };
    },
    'compliance/export': async ({ from, to }, call) => {
      const report = await compliance.csv(call.auth, from, to);
      await store.audit.append(call.auth, { action: 'compliance.export', details: { from, to, rows: report.rows } });
      return { filename: `compliance-${from}-to-${to}.csv`, ...report };
    },
    'lineage/answer': async ({ messageId }, call) => answerLineage(store, call.auth, messageId),
    'sessions/list': async (_req, call) => {
      const now = Date.now();
      const sessions = await store.sessions.listForUser(call.auth, call.auth.userId);
      return sessions
        .filter((s) => !s.revokedAt && Date.parse(s.expiresAt) > now)
        .map((s) => ({ id: s.id, current: s.id === call.auth.sessionId, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, userAgent: s.userAgent, ip: s.ip }));
    },
    'sessions/revoke': async ({ id }, call) => {
      const session = await store.sessions.get(call.auth, id);
      if (session.userId !== call.auth.userId) throw new ApiError('NOT_FOUND', 'There is no such session.');
      await store.sessions.revoke(call.auth, id);
      await store.audit.append(call.auth, { action: 'auth.session_revoke', target: id });
      return { ok: true as const };
    },
  };
}
