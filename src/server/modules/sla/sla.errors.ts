import { SlaError } from '../../../domain/sla';
import { AppError, commonErrors } from '../../app/errors';

export const slaErrors = {
  unitNotFound: commonErrors.unitNotFound,
};

/** SLA-core errors keep their code and bilingual message (422). */
export function fromSlaError(err: unknown): never {
  if (err instanceof SlaError) throw new AppError(err.code, err.status, err.messageZh, err.messageEn);
  throw err;
}
