import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { needs, publicRoute } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { idParams } from '../../../shared/common';
import {
  bindCustomerBody,
  channelAccountBody,
  channelAccountSchema,
  channelTemplateBody,
  channelTemplateSchema,
  conversationSchema,
  listConversationsQuery,
  replyBody,
} from '../../../shared/channels';
import { channelErrors } from './channels.errors';
import * as uc from './channels.usecases';
import { aliyunReceipts, refreshTemplateApprovals, tencentReceipts } from './channels.sms';
import {
  accountOfHook,
  bindConversation,
  handleCallback,
  replyToConversation,
  syncMessages,
} from './channels.wechat';
import { channelAccounts } from './channels.table';
import { fetchMailbox } from './email.inbound';
import { replyByEmail } from './email.outbound';
import { eq } from 'drizzle-orm';

const hookParams = z.strictObject({ id: z.string().max(64), key: z.string().max(64) });
const callbackQuery = z.object({
  msg_signature: z.string().max(100),
  timestamp: z.string().max(20),
  nonce: z.string().max(100),
  echostr: z.string().max(2000).optional(),
});
const aliyunReceiptSchema = z.array(
  z.looseObject({
    phone_number: z.string(),
    success: z.boolean(),
    err_code: z.string().optional(),
    err_msg: z.string().optional(),
    biz_id: z.string().optional(),
    out_id: z.string().optional(),
  }),
);
const tencentReceiptSchema = z.array(
  z.looseObject({
    mobile: z.string(),
    report_status: z.string(),
    errmsg: z.string().optional(),
    description: z.string().optional(),
    sid: z.string(),
  }),
);

/** Channel accounts (admin), SMS receipts and the WeChat callback (vendors), conversations (agents). */
export function channelsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['channels'];
    // WeCom posts its callbacks as XML.
    fastify.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );

    app.get(
      '/channels',
      {
        config: needs('channels.manage'),
        schema: { tags, response: { 200: z.array(channelAccountSchema) } },
      },
      async (req) => uc.listAccounts(deps, actorOf(req)),
    );
    app.post(
      '/channels',
      {
        config: needs('channels.manage'),
        schema: { tags, body: channelAccountBody, response: { 201: channelAccountSchema } },
      },
      async (req, reply) => reply.code(201).send(await uc.saveAccount(deps, actorOf(req), null, req.body)),
    );
    app.get(
      '/channels/:id',
      {
        config: needs('channels.manage'),
        schema: { tags, params: idParams, response: { 200: channelAccountSchema } },
      },
      async (req) => uc.getAccount(deps, actorOf(req), req.params.id),
    );
    app.put(
      '/channels/:id',
      {
        config: needs('channels.manage'),
        schema: { tags, params: idParams, body: channelAccountBody, response: { 200: channelAccountSchema } },
      },
      async (req) => uc.saveAccount(deps, actorOf(req), req.params.id, req.body),
    );
    app.put(
      '/channels/:id/templates',
      {
        config: needs('channels.manage'),
        schema: { tags, params: idParams, body: channelTemplateBody, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await uc.saveTemplate(deps, actorOf(req), req.params.id, req.body);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/channels/:id/templates/check',
      {
        config: needs('channels.manage'),
        schema: { tags, params: idParams, response: { 200: z.array(channelTemplateSchema) } },
      },
      async (req) => {
        const actor = actorOf(req);
        await uc.getAccount(deps, actor, req.params.id);
        const [row] = await deps.db
          .select()
          .from(channelAccounts)
          .where(eq(channelAccounts.id, req.params.id));
        await refreshTemplateApprovals(deps, actor, row!);
        return (await uc.listTemplates(deps, actor)).filter((t) => t.accountId === req.params.id);
      },
    );
    app.get(
      '/channel-templates',
      {
        config: needs('channels.manage', 'messages.read'),
        schema: { tags, response: { 200: z.array(channelTemplateSchema) } },
      },
      async (req) => uc.listTemplates(deps, actorOf(req)),
    );
    app.post(
      '/channels/:id/sync',
      {
        config: needs('channels.manage'),
        schema: {
          tags,
          params: idParams,
          response: {
            200: z.object({ stored: z.number(), duplicates: z.number(), automated: z.number().optional() }),
          },
        },
      },
      async (req) => {
        await uc.getAccount(deps, actorOf(req), req.params.id);
        const [row] = await deps.db
          .select()
          .from(channelAccounts)
          .where(eq(channelAccounts.id, req.params.id));
        if (row!.kind === 'email') return fetchMailbox(deps, row!);
        if (row!.kind !== 'wechat_kf') throw channelErrors.wrongKind();
        return syncMessages(deps, row!, null);
      },
    );

    // Conversations (agents).
    app.get(
      '/channel-conversations',
      {
        config: needs('channels.reply'),
        schema: { tags, querystring: listConversationsQuery, response: { 200: z.array(conversationSchema) } },
      },
      async (req) => uc.listConversations(deps, actorOf(req), req.query),
    );
    app.post(
      '/channel-conversations/:id/replies',
      {
        config: needs('channels.reply'),
        schema: {
          tags,
          params: idParams,
          body: replyBody,
          response: { 201: z.object({ id: z.string(), status: z.string().optional() }) },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { account } = await uc.conversationInScope(deps, actor, req.params.id);
        const sent =
          account.kind === 'email'
            ? await replyByEmail(deps, actor, req.params.id, req.body.text)
            : await replyToConversation(deps, actor, req.params.id, req.body.text);
        return reply.code(201).send(sent);
      },
    );
    app.put(
      '/channel-conversations/:id/customer',
      {
        config: needs('channels.reply'),
        schema: { tags, params: idParams, body: bindCustomerBody, response: { 204: z.null() } },
      },
      async (req, reply) => {
        await bindConversation(deps, actorOf(req), req.params.id, req.body.customerId);
        return reply.code(204).send(null);
      },
    );

    // Vendors: the account's random hook key in the path is the credential; WeCom also signs.
    app.get(
      '/channels/hooks/:id/:key/wechat-kf',
      {
        config: publicRoute('the hook key in the path and the msg_signature of WeCom (URL verification)'),
        schema: { tags, params: hookParams, querystring: callbackQuery, response: { 200: z.string() } },
      },
      async (req, reply) => {
        const account = await accountOfHook(deps, req.params.id, req.params.key, ['wechat_kf']);
        if (!req.query.echostr) throw channelErrors.badSignature({ reason: 'no echostr' });
        return reply
          .type('text/plain; charset=utf-8')
          .send(await handleCallback(deps, account, req.query, null));
      },
    );
    app.post(
      '/channels/hooks/:id/:key/wechat-kf',
      {
        config: publicRoute(
          'the hook key in the path and the msg_signature of WeCom over the encrypted body',
        ),
        schema: {
          tags,
          params: hookParams,
          querystring: callbackQuery,
          body: z.string().max(100_000),
          response: { 200: z.string() },
        },
      },
      async (req, reply) => {
        const account = await accountOfHook(deps, req.params.id, req.params.key, ['wechat_kf']);
        const answer = await handleCallback(deps, account, { ...req.query, echostr: undefined }, req.body);
        return reply.type('text/plain; charset=utf-8').send(answer);
      },
    );
    app.post(
      '/channels/hooks/:id/:key/aliyun-sms-report',
      {
        config: publicRoute('the hook key in the path (Aliyun SmsReport HTTP push)'),
        schema: {
          tags,
          params: hookParams,
          body: aliyunReceiptSchema,
          response: { 200: z.object({ code: z.number(), msg: z.string() }) },
        },
      },
      async (req) => {
        await accountOfHook(deps, req.params.id, req.params.key, ['sms_aliyun']);
        await aliyunReceipts(deps, req.body);
        return { code: 0, msg: '成功' };
      },
    );
    app.post(
      '/channels/hooks/:id/:key/tencent-sms-status',
      {
        config: publicRoute('the hook key in the path (Tencent Cloud SMS status callback)'),
        schema: {
          tags,
          params: hookParams,
          body: tencentReceiptSchema,
          response: { 200: z.object({ result: z.number(), errmsg: z.string() }) },
        },
      },
      async (req) => {
        await accountOfHook(deps, req.params.id, req.params.key, ['sms_tencent']);
        await tencentReceipts(deps, req.body);
        return { result: 0, errmsg: 'OK' };
      },
    );
  };
}
