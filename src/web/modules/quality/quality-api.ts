// Quality review API paths and permissions (RPT-7); the shapes are src/shared/quality.ts.
export const QUALITY_API = '/api/v1/quality';
export const QUALITY_PERM = {
  review: 'quality.review',
  viewOwn: 'quality.view_own',
  manage: 'quality.manage',
} as const;
