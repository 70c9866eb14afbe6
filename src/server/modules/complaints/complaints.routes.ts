import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Actor, Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { praiseSummary, registerPraise } from './complaints.praise';
import { presentCloseOuts, presentClusters, presentComplaint } from './complaints.presenter';
import {
  complaintOf,
  complaintSettingsOf,
  listCloseOuts,
  listClusters,
  setComplaintSettings,
} from './complaints.queries';
import * as s from './complaints.schemas';
import * as closeOut from './complaints.close-out';
import * as uc from './complaints.usecases';
import { presentTicketDetail, getTicket, idParams, ticketDetailSchema } from '../tickets/tickets.service';
import { explainedBy, needs } from '../../app/route-access';
import type { PermissionCode } from '../../../domain/permissions';
import { CLOSE_OUT_STEP_PERMISSION, type CloseOutStep } from '../../../domain/tickets/close-out';
import { complaintErrors } from './complaints.errors';
import { registerListExport } from '../../app/list-export';
import { closeOutsExport } from './complaints.export';

/** Complaint handling (CMP-1…CMP-10, SAT-2): validate → use case with the acting person → presenter. */
export function complaintsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['complaints'];
    const complaint = async (actor: Actor, id: string) =>
      presentComplaint(deps, actor, await complaintOf(deps, actor, id));

    app.get(
      '/tickets/:id/complaint',
      {
        config: needs('tickets.read'),
        schema: { tags, params: idParams, response: { 200: s.complaintSchema } },
      },
      async (req) => complaint(actorOf(req), req.params.id),
    );
    app.put(
      '/tickets/:id/complaint',
      {
        config: needs('tickets.manage'),
        schema: {
          tags,
          params: idParams,
          body: s.complaintDetailsBody,
          response: { 200: s.complaintSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await uc.recordComplaintDetails(deps, actor, req.params.id, req.body);
        return complaint(actor, req.params.id);
      },
    );
    app.put(
      '/tickets/:id/cause-analysis',
      {
        config: needs('tickets.manage'),
        schema: {
          tags,
          params: idParams,
          body: s.causeAnalysisBody,
          response: { 200: s.complaintSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await uc.saveCauseAnalysis(deps, actor, req.params.id, req.body);
        return complaint(actor, req.params.id);
      },
    );
    app.post(
      '/tickets/:id/cause-analysis/sign-off',
      {
        config: needs('complaints.approve', 'complaints.quality_sign_off'),
        schema: { tags, params: idParams, body: s.signOffBody, response: { 200: s.complaintSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        await uc.signCauseAnalysis(deps, actor, req.params.id, req.body.as);
        return complaint(actor, req.params.id);
      },
    );

    // Actions that change the ticket answer the ticket detail, like the core actions.
    const action = <B extends z.ZodType>(
      path: string,
      access: ReturnType<typeof needs>,
      body: B,
      run: (actor: Actor, id: string, body: z.infer<B>) => Promise<void>,
    ) =>
      app.post(
        `/tickets/:id/${path}`,
        { config: access, schema: { tags, params: idParams, body, response: { 200: ticketDetailSchema } } },
        async (req) => {
          const actor = actorOf(req);
          await run(actor, req.params.id, req.body as z.infer<B>);
          return presentTicketDetail(deps, actor, await getTicket(deps, actor, req.params.id));
        },
      );
    action('commitments', needs('tickets.manage'), s.commitmentBody, (actor, id, b) =>
      uc.addCommitment(deps, actor, id, b),
    );
    action('progress', needs('tickets.manage'), s.progressBody, (actor, id, b) =>
      uc.addProgress(deps, actor, id, b),
    );
    // CMP-5 close-out chain: request, the three owners' steps in order, send-back one step. A step
    // refused for want of its permission says whose step it is.
    const stepOwner = (step: CloseOutStep) =>
      explainedBy(needs(CLOSE_OUT_STEP_PERMISSION[step]), () =>
        complaintErrors.closeOutStepForbidden(step, CLOSE_OUT_STEP_PERMISSION[step]),
      );
    action('close-out', needs('tickets.manage'), s.closeOutRequestBody, (actor, id, b) =>
      closeOut.requestCloseOut(deps, actor, id, b ?? {}),
    );
    action('close-out/quality-opinion', stepOwner('quality_opinion'), s.closeOutStepBody, (actor, id, b) =>
      closeOut.completeCloseOutStep(deps, actor, id, 'quality_opinion', b),
    );
    action('close-out/assessment', stepOwner('assessment'), s.closeOutAssessmentBody, (actor, id, b) =>
      closeOut.completeCloseOutStep(deps, actor, id, 'assessment', b),
    );
    action('close-out/approve', stepOwner('approval'), s.closeOutApprovalBody, (actor, id, b) =>
      closeOut.completeCloseOutStep(deps, actor, id, 'approval', b ?? {}),
    );
    // Sent back by the owner of the current step; the use case checks that step's permission.
    action(
      'close-out/send-back',
      needs(...(Object.values(CLOSE_OUT_STEP_PERMISSION) as [PermissionCode, ...PermissionCode[]])),
      s.closeOutSendBackBody,
      (actor, id, b) => closeOut.sendBackCloseOut(deps, actor, id, b.step, b.reason),
    );
    action('evaluation', needs('tickets.manage'), s.evaluationBody, (actor, id, b) =>
      closeOut.recordEvaluation(deps, actor, id, b),
    );
    action('praise', needs('tickets.manage'), s.praiseBody, (actor, id, b) =>
      registerPraise(deps, actor, id, b),
    );

    app.get(
      '/complaints/close-outs',
      {
        config: needs('tickets.read'),
        schema: { tags, querystring: s.closeOutsQuery, response: { 200: s.closeOutListSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        return { items: await presentCloseOuts(deps, actor, await listCloseOuts(deps, actor, req.query)) };
      },
    );
    registerListExport(
      fastify,
      deps,
      '/complaints/close-outs/export.xlsx',
      s.closeOutsQuery,
      closeOutsExport,
      tags,
    );
    app.get(
      '/complaints/clusters',
      {
        config: needs('tickets.read'),
        schema: { tags, querystring: s.clustersQuery, response: { 200: s.clusterListSchema } },
      },
      async (req) => ({
        items: await presentClusters(deps, await listClusters(deps, actorOf(req), req.query)),
      }),
    );
    app.get(
      '/praise/summary',
      {
        config: needs('tickets.read'),
        schema: { tags, querystring: s.praiseSummaryQuery, response: { 200: s.praiseSummarySchema } },
      },
      async (req) => ({
        items: await praiseSummary(deps, actorOf(req), req.query),
      }),
    );
    app.get(
      '/complaint-settings',
      {
        config: needs('tickets.read'),
        schema: { tags, querystring: s.settingsQuery, response: { 200: s.complaintSettingsSchema } },
      },
      async (req) => complaintSettingsOf(deps, actorOf(req), req.query.unitId),
    );
    app.put(
      '/complaint-settings',
      {
        config: needs('complaints.manage'),
        schema: {
          tags,
          querystring: s.settingsQuery,
          body: s.settingsBody,
          response: { 200: s.complaintSettingsSchema },
        },
      },
      async (req) => setComplaintSettings(deps, actorOf(req), req.query.unitId, req.body),
    );
    // Clearing the unit's own settings: it inherits from above again.
    app.delete(
      '/complaint-settings',
      {
        config: needs('complaints.manage'),
        schema: { tags, querystring: s.settingsQuery, response: { 200: s.complaintSettingsSchema } },
      },
      async (req) => setComplaintSettings(deps, actorOf(req), req.query.unitId, null),
    );
  };
}
