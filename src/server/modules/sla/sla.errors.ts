import { SlaError } from '../../../domain/sla';
import { AppError, defineError } from '../../app/errors';

export const slaErrors = {
  unitNotFound: defineError('org.unit_not_found', 404, '找不到该组织单元', 'Organisation unit not found'),
};

/** SLA-core errors keep their code and bilingual message (422). */
export function fromSlaError(err: unknown): never {
  if (err instanceof SlaError) throw new AppError(err.code, err.status, err.messageZh, err.messageEn);
  throw err;
}
