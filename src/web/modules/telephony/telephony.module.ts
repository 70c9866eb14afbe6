import type { WebModule } from '../../app/web-module';
import { telephonyI18n } from './telephony.i18n';

/** Caller identification lives in the header and on the desk; it has no page of its own. */
export const telephonyModule: WebModule = {
  id: 'telephony',
  strings: [telephonyI18n],
};
