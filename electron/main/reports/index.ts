export { ReportsService, type ReportProgress } from './reportsService';
export { ReportScheduler, nextRun, ScheduleError, type ScheduleGuard } from './scheduler';
export { AdminAlertSink, StoreAlertSink, type AlertSink } from './alerts';
export { SmtpMailer, smtpConfigFromEnv, type Mailer, type SmtpConfig } from './delivery';
export { REPORT_FORMATS, reportFormat } from './formats/registry';
export type { ReportFormat } from './formats/types';
