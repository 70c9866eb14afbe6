import { commonErrors } from '../../app/errors';

export const dashboardErrors = {
  unitNotFound: commonErrors.unitNotFound,
};
