// Report API paths and permissions; the shapes are src/shared/reports.ts.
export const REPORTS_API = '/api/v1/reports';
export const REPORT_PERM = {
  read: 'reports.read',
  export: 'reports.export',
  write: 'reports.analysis.write',
  manage: 'reports.manage',
} as const;
