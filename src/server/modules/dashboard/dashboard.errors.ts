import { defineError } from '../../app/errors';

export const dashboardErrors = {
  unitNotFound: defineError('org.unit_not_found', 404, '找不到该组织单元', 'Organisation unit not found'),
};
