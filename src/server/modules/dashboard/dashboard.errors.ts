import { defineError } from '../../app/errors';

export const dashboardErrors = {
  unitNotFound: defineError('dashboard.unit_not_found', 404, '找不到这个单位', 'No such unit'),
};
