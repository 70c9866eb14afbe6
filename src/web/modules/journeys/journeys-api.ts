import type { JourneyDetail, JourneySummary, JourneyTemplateRow } from '../../../shared/journeys';

export const JOURNEYS_KEY = 'journeys';
export type { JourneyDetail, JourneySummary, JourneyTemplateRow };
