import type { z } from 'zod';
import type { articleListResponse, ArticleView, SuggestionsView } from '../../../shared/knowledge';

export const KNOWLEDGE_KEY = 'knowledge';
export type ArticleList = z.infer<typeof articleListResponse>;
export type { ArticleView, SuggestionsView };
