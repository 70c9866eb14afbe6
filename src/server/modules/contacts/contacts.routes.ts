import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { customerNames } from '../customers/customers.service';
import { unitNames, displayNames } from '../org/org.service';
import { ticketNumbers } from '../tickets/tickets.service';
import { presentContact, presentCoordinationSheet } from './contacts.presenter';
import * as s from './contacts.schemas';
import * as uc from './contacts.usecases';
import * as sheets from './coordination-sheets.usecases';
import { needs } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { contactsExport } from './contacts.export';

const updateContactBody = z.strictObject({
  summary: z.string().trim().min(1).max(2000).optional(),
  customerId: z.uuid().nullable().optional(),
  ticketId: z.uuid().nullable().optional(),
});

/** Contact log (IN-2) and letter register (IN-8) routes. */
export function contactsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['contacts'];
    const presentAll = async (actor: Actor, records: uc.ContactRecord[]) => {
      const [units, people, customers, tickets, sheetsByContact] = await Promise.all([
        unitNames(
          deps.db,
          records.flatMap((r) =>
            [r.contact.unitId, r.contact.letterRoutedToUnitId].filter((id): id is string => !!id),
          ),
        ),
        displayNames(
          deps.db,
          records.map((r) => r.contact.agentId),
        ),
        customerNames(
          deps.db,
          records.map((r) => r.contact.customerId),
        ),
        ticketNumbers(
          deps.db,
          records.flatMap((r) => (r.contact.ticketId ? [r.contact.ticketId] : [])),
        ),
        sheets.sheetsOfContacts(
          deps,
          records.filter((r) => r.contact.channel === 'letter').map((r) => r.contact.id),
        ),
      ]);
      return records.map((r) =>
        presentContact(
          r,
          { units, people, customers, tickets },
          uc.seesFullNumbersOf(actor, r),
          sheetsByContact.get(r.contact.id) ?? null,
        ),
      );
    };

    const readContacts = async (actor: Actor, query: s.ListContactsQuery) => {
      const { items, total } = await uc.listContacts(deps, actor, query);
      return { items: await presentAll(actor, items), total };
    };
    app.get(
      '/contacts',
      {
        config: needs('contacts.read'),
        schema: { tags, querystring: s.listContactsQuery, response: { 200: s.contactListSchema } },
      },
      async (req) => readContacts(actorOf(req), req.query),
    );
    registerListExport(
      fastify,
      deps,
      '/contacts/export.xlsx',
      s.listContactsQuery.omit({ page: true, pageSize: true }),
      contactsExport((actor, query, page, pageSize) => readContacts(actor, { ...query, page, pageSize })),
      tags,
    );
    app.post(
      '/contacts',
      {
        config: needs('contacts.manage'),
        schema: { tags, body: s.logContactBody, response: { 201: s.contactSchema } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const [out] = await presentAll(actor, [await uc.logContact(deps, actor, req.body)]);
        return reply.code(201).send(out!);
      },
    );
    app.get(
      '/contacts/:id',
      {
        config: needs('contacts.read'),
        schema: { tags, params: s.idParams, response: { 200: s.contactSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        const [out] = await presentAll(actor, [await uc.getContact(deps, actor, req.params.id)]);
        return out;
      },
    );
    app.patch(
      '/contacts/:id',
      {
        config: needs('contacts.manage'),
        schema: { tags, params: s.idParams, body: updateContactBody, response: { 200: s.contactSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        const [out] = await presentAll(actor, [await uc.updateContact(deps, actor, req.params.id, req.body)]);
        return out;
      },
    );

    // IN-8 coordination sheet (协调单): opened by the assistant for a complaint letter, printed any number of times.
    const presentSheet = async (actor: Actor, record: sheets.CoordinationSheetRecord) => {
      const people = await displayNames(deps.db, [record.sheet.issuedBy]);
      return presentCoordinationSheet(
        record,
        record.sheet.issuedBy ? (people.get(record.sheet.issuedBy) ?? null) : null,
        uc.seesFullNumbersOf(actor, record.letter),
        deps.clock.now(),
      );
    };
    app.post(
      '/contacts/:id/coordination-sheet',
      {
        config: needs('contacts.manage'),
        schema: {
          tags,
          params: s.idParams,
          body: s.issueSheetBody,
          response: { 201: s.coordinationSheetSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const record = await sheets.issueCoordinationSheet(deps, actor, req.params.id, {
          responsibleUnitId: req.body.responsibleUnitId,
          requestedHandling: req.body.requestedHandling,
          dueAt: req.body.dueAt ? new Date(req.body.dueAt) : undefined,
        });
        return reply.code(201).send(await presentSheet(actor, record));
      },
    );
    app.get(
      '/contacts/:id/coordination-sheet',
      {
        config: needs('contacts.read'),
        schema: { tags, params: s.idParams, response: { 200: s.coordinationSheetSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        return presentSheet(actor, await sheets.getCoordinationSheet(deps, actor, req.params.id));
      },
    );
  };
}
