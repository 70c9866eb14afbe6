// Where the tickets API lives and how its answers are cached; the shapes are src/shared/tickets.ts.
export const TICKETS = '/api/v1/tickets';
export const TICKETS_KEY = 'tickets';
export const ticketPath = (id: string) => `${TICKETS}/${id}`;
export const ticketKey = (id: string) => [TICKETS_KEY, 'detail', id] as const;
