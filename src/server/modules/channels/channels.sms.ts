/**
 * SMS through the gateways configured in the admin UI: Aliyun SMS (dysmsapi SendSms) and Tencent
 * Cloud SMS (SendSms 2021-01-11), beside the generic webhook. Both send by an approved template
 * with parameters, never free text; the outbox's delivery key travels as OutId / SessionContext,
 * and delivery receipts come back through each account's receipt URL.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import {
  aliyunCommonParams,
  aliyunOutcome,
  aliyunSignature,
  aliyunTemplateApproval,
  ALIYUN_BATCH_MAX_NUMBERS,
  tc3Sign,
  tencentOutcome,
  tencentPhone,
  tencentTemplateApproval,
  TENCENT_SEND_MAX_NUMBERS,
  TENCENT_SMS_VERSION,
  type AliyunReceipt,
  type TemplateApproval,
  type TencentReceipt,
} from './channels.protocols';
import type { Actor, Deps } from '../../app/context';
import { AppError } from '../../app/errors';
import { recordAudit } from '../audit/audit.service';
import {
  PermanentDeliveryError,
  recordReceipt,
  registerSmsGateway,
  type DeliveryRequest,
  type MessageProvider,
} from '../messages/messages.service';
import { outboxMessages } from '../messages/messages.table';
import { unitPaths } from '../org/org.service';
import { channelErrors } from './channels.errors';
import { noteAccountError, secretsOf, type AccountRow } from './channels.usecases';
import { channelAccounts, channelTemplates } from './channels.table';

const TIMEOUT_MS = 20_000;
const ALIYUN_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';
const TENCENT_ENDPOINT = 'https://sms.tencentcloudapi.com/';

interface TemplateUse {
  providerTemplateCode: string;
  params: string[];
  variables: Readonly<Record<string, string>>;
}

/** Thrown for a gateway answer that retrying cannot change. */
const refuse = (why: string) => new PermanentDeliveryError(why);

// ---------------------------------------------------------------------------------------------
// Aliyun

async function aliyunCall(
  account: AccountRow,
  secret: string,
  action: string,
  params: Record<string, string>,
  now: Date,
): Promise<Record<string, unknown>> {
  const s = account.settings as { accessKeyId: string; regionId?: string; endpoint?: string | null };
  const all: Record<string, string> = {
    ...aliyunCommonParams({
      accessKeyId: s.accessKeyId,
      action,
      now,
      nonce: randomUUID(),
      regionId: s.regionId,
    }),
    ...params,
  };
  all.Signature = aliyunSignature(all, secret, 'POST');
  const res = await fetch(s.endpoint || ALIYUN_ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(all).toString(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`Aliyun HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  if (res.status >= 500)
    throw new Error(`Aliyun HTTP ${res.status}: ${String(body.Code)} ${String(body.Message)}`);
  return body;
}

function paramObject(use: TemplateUse): string {
  const names = use.params.length > 0 ? use.params : Object.keys(use.variables);
  return JSON.stringify(Object.fromEntries(names.map((n) => [n, use.variables[n] ?? ''])));
}

async function aliyunSend(account: AccountRow, secret: string, req: DeliveryRequest, use: TemplateUse) {
  const s = account.settings as { signName: string };
  const body = await aliyunCall(
    account,
    secret,
    'SendSms',
    {
      PhoneNumbers: req.to,
      SignName: s.signName,
      TemplateCode: use.providerTemplateCode,
      TemplateParam: paramObject(use),
      OutId: req.deliveryKey,
    },
    req.now,
  );
  const code = String(body.Code ?? '');
  const outcome = aliyunOutcome(code);
  if (outcome === 'sent') return { providerMessageId: `aliyun:${String(body.BizId)}` };
  const problem = `Aliyun ${code}: ${String(body.Message ?? '')}`;
  if (outcome === 'retry') throw new Error(problem);
  throw refuse(problem);
}

/**
 * SendBatchSms: one template to up to 100 numbers, each with its own signature and parameters.
 * Answers the BizId of the batch.
 */
export async function aliyunSendBatch(
  account: AccountRow,
  secret: string,
  providerTemplateCode: string,
  items: readonly { to: string; params: Record<string, string> }[],
  now: Date,
): Promise<string> {
  if (items.length === 0 || items.length > ALIYUN_BATCH_MAX_NUMBERS)
    throw new RangeError(`SendBatchSms takes 1 to ${ALIYUN_BATCH_MAX_NUMBERS} numbers`);
  const s = account.settings as { signName: string };
  const body = await aliyunCall(
    account,
    secret,
    'SendBatchSms',
    {
      PhoneNumberJson: JSON.stringify(items.map((i) => i.to)),
      SignNameJson: JSON.stringify(items.map(() => s.signName)),
      TemplateCode: providerTemplateCode,
      TemplateParamJson: JSON.stringify(items.map((i) => i.params)),
    },
    now,
  );
  if (body.Code !== 'OK') throw new Error(`Aliyun ${String(body.Code)}: ${String(body.Message ?? '')}`);
  return String(body.BizId);
}

// ---------------------------------------------------------------------------------------------
// Tencent Cloud

async function tencentCall(
  account: AccountRow,
  secretKey: string,
  action: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<Record<string, unknown>> {
  const s = account.settings as { secretId: string; region?: string; endpoint?: string | null };
  const url = s.endpoint || TENCENT_ENDPOINT;
  const host = new URL(url).host;
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  const signed = tc3Sign({ secretId: s.secretId, secretKey, service: 'sms', host, timestamp, payload: body });
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: signed.authorization,
      'content-type': 'application/json; charset=utf-8',
      'x-tc-action': action,
      'x-tc-version': TENCENT_SMS_VERSION,
      'x-tc-timestamp': String(timestamp),
      'x-tc-region': s.region ?? 'ap-guangzhou',
    },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Tencent HTTP ${res.status}: ${text.slice(0, 200)}`);
  const parsed = JSON.parse(text) as { Response?: Record<string, unknown> };
  const response = parsed.Response ?? {};
  const error = response.Error as { Code?: string; Message?: string } | undefined;
  if (error) {
    const problem = `Tencent ${error.Code}: ${error.Message ?? ''}`;
    if (tencentOutcome(error.Code ?? '') === 'retry') throw new Error(problem);
    throw refuse(problem);
  }
  return response;
}

async function tencentSend(account: AccountRow, secretKey: string, req: DeliveryRequest, use: TemplateUse) {
  const s = account.settings as { sdkAppId: string; signName: string };
  const response = await tencentCall(
    account,
    secretKey,
    'SendSms',
    {
      PhoneNumberSet: [tencentPhone(req.to)],
      SmsSdkAppId: s.sdkAppId,
      SignName: s.signName,
      TemplateId: use.providerTemplateCode,
      TemplateParamSet: use.params.map((p) => use.variables[p] ?? ''),
      SessionContext: req.deliveryKey,
    },
    req.now,
  );
  const [status] = (response.SendStatusSet ?? []) as { Code: string; Message?: string; SerialNo?: string }[];
  if (!status) throw new Error('Tencent: no SendStatusSet in the answer');
  const outcome = tencentOutcome(status.Code);
  if (outcome === 'sent') return { providerMessageId: `tencent:${status.SerialNo}` };
  const problem = `Tencent ${status.Code}: ${status.Message ?? ''}`;
  if (outcome === 'retry') throw new Error(problem);
  throw refuse(problem);
}

/** SendSms to up to 200 numbers with one template; answers each number's status code. */
export async function tencentSendBatch(
  account: AccountRow,
  secretKey: string,
  providerTemplateCode: string,
  to: readonly string[],
  params: readonly string[],
  now: Date,
): Promise<{ phone: string; code: string; serialNo: string | null }[]> {
  if (to.length === 0 || to.length > TENCENT_SEND_MAX_NUMBERS)
    throw new RangeError(`SendSms takes 1 to ${TENCENT_SEND_MAX_NUMBERS} numbers`);
  const s = account.settings as { sdkAppId: string; signName: string };
  const response = await tencentCall(
    account,
    secretKey,
    'SendSms',
    {
      PhoneNumberSet: to.map(tencentPhone),
      SmsSdkAppId: s.sdkAppId,
      SignName: s.signName,
      TemplateId: providerTemplateCode,
      TemplateParamSet: params,
    },
    now,
  );
  return ((response.SendStatusSet ?? []) as { PhoneNumber: string; Code: string; SerialNo?: string }[]).map(
    (x) => ({
      phone: x.PhoneNumber,
      code: x.Code,
      serialNo: x.SerialNo ?? null,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The outbox's SMS provider

/** The enabled SMS account nearest to the unit (the unit's own, else its nearest ancestor's). */
function nearestAccount(accounts: readonly AccountRow[], unitPath: readonly string[]): AccountRow | null {
  for (let i = unitPath.length - 1; i >= 0; i--) {
    const found = accounts.find((a) => a.unitId === unitPath[i]);
    if (found) return found;
  }
  return null;
}

async function gatewaySend(
  deps: Deps,
  accounts: AccountRow[],
  fallback: MessageProvider,
  req: DeliveryRequest,
) {
  const path = (await unitPaths(deps.db, [req.unitId])).get(req.unitId) ?? [req.unitId];
  const account = nearestAccount(accounts, path);
  if (!account) return fallback.send(req);
  if (!req.templateCode)
    throw refuse('短信网关只能按已审核的模板发送 / SMS gateways send approved templates only, not free text');
  const [template] = await deps.db
    .select()
    .from(channelTemplates)
    .where(
      and(eq(channelTemplates.accountId, account.id), eq(channelTemplates.templateCode, req.templateCode)),
    );
  if (!template)
    throw refuse(
      `模板 ${req.templateCode} 未在「${account.name}」登记 / no gateway template for ${req.templateCode}`,
    );
  if (template.approval !== 'approved')
    throw refuse(
      `模板 ${req.templateCode} 尚未通过审核 / template ${req.templateCode} is ${template.approval}`,
    );
  const use = {
    providerTemplateCode: template.providerTemplateCode,
    params: template.params,
    variables: req.templateVariables ?? {},
  };
  const secrets = secretsOf(deps, account);
  try {
    const answer =
      account.kind === 'sms_aliyun'
        ? await aliyunSend(account, secrets.accessKeySecret!, req, use)
        : await tencentSend(account, secrets.secretKey!, req, use);
    if (account.lastError) await noteAccountError(deps.db, account.id, req.now, null);
    return answer;
  } catch (err) {
    // Shown on the admin page; the outbox retries with backoff (or fails the message for good).
    await noteAccountError(deps.db, account.id, req.now, (err as Error).message).catch(() => undefined);
    throw err;
  }
}

/** Registers the gateway with the outbox: used whenever some unit has an enabled SMS account. */
export function registerChannelSmsGateway(): void {
  registerSmsGateway(async (deps, fallback) => {
    const accounts = await deps.db
      .select()
      .from(channelAccounts)
      .where(
        and(eq(channelAccounts.enabled, true), inArray(channelAccounts.kind, ['sms_aliyun', 'sms_tencent'])),
      );
    if (accounts.length === 0) return null;
    return {
      name: 'sms_gateway',
      sendsForReal: true,
      send: (req) => gatewaySend(deps, accounts, fallback, req),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Template approval state

/** Asks the vendor for each template's review state and stores it (the template page shows it). */
export async function refreshTemplateApprovals(deps: Deps, actor: Actor, account: AccountRow) {
  if (account.kind === 'wechat_kf') throw channelErrors.wrongKind();
  const now = deps.clock.now();
  const templates = await deps.db
    .select()
    .from(channelTemplates)
    .where(eq(channelTemplates.accountId, account.id));
  const secrets = secretsOf(deps, account);
  const states = new Map<string, { approval: TemplateApproval; note: string | null }>();
  try {
    if (account.kind === 'sms_aliyun') {
      for (const t of templates) {
        const body = await aliyunCall(
          account,
          secrets.accessKeySecret!,
          'QuerySmsTemplate',
          { TemplateCode: t.providerTemplateCode },
          now,
        );
        if (body.Code !== 'OK') throw new Error(`Aliyun ${String(body.Code)}: ${String(body.Message ?? '')}`);
        states.set(t.providerTemplateCode, {
          approval: aliyunTemplateApproval(Number(body.TemplateStatus)),
          note: (body.Reason as string | undefined) || null,
        });
      }
    } else if (templates.length > 0) {
      const response = await tencentCall(
        account,
        secrets.secretKey!,
        'DescribeSmsTemplateList',
        { International: 0, TemplateIdSet: templates.map((t) => Number(t.providerTemplateCode)) },
        now,
      );
      for (const s of (response.DescribeTemplateStatusSet ?? []) as {
        TemplateId: number;
        StatusCode: number;
        ReviewReply?: string;
      }[])
        states.set(String(s.TemplateId), {
          approval: tencentTemplateApproval(s.StatusCode),
          note: s.ReviewReply || null,
        });
    }
  } catch (err) {
    await noteAccountError(deps.db, account.id, now, (err as Error).message);
    throw channelErrors.vendorFailed({ error: (err as Error).message });
  }
  await deps.db.transaction(async (tx) => {
    for (const t of templates) {
      const state = states.get(t.providerTemplateCode);
      if (!state) continue;
      await tx
        .update(channelTemplates)
        .set({ approval: state.approval, approvalNote: state.note, checkedAt: now })
        .where(
          and(eq(channelTemplates.accountId, account.id), eq(channelTemplates.templateCode, t.templateCode)),
        );
    }
    await recordAudit(tx, now, actor, {
      action: 'channel.templates_checked',
      subjectType: 'channel_account',
      subjectId: account.id,
      unitId: account.unitId,
      after: Object.fromEntries([...states].map(([k, v]) => [k, v.approval])),
    });
  });
  await noteAccountError(deps.db, account.id, now, null);
}

// ---------------------------------------------------------------------------------------------
// Delivery receipts

async function applyReceipt(
  deps: Deps,
  key: string,
  status: 'delivered' | 'failed',
  error: string | undefined,
): Promise<boolean> {
  try {
    await recordReceipt(deps, { idempotencyKey: key, status, error });
    return true;
  } catch (err) {
    // A receipt for a message Kefu does not know, or not yet recorded as sent, is skipped.
    if (err instanceof AppError) return false;
    throw err;
  }
}

/** Aliyun's SmsReport push: the OutId Kefu sent is the outbox's delivery key. */
export async function aliyunReceipts(deps: Deps, receipts: readonly AliyunReceipt[]) {
  let applied = 0;
  for (const r of receipts) {
    if (!r.out_id) continue;
    const error = r.success ? undefined : `${r.err_code ?? ''} ${r.err_msg ?? ''}`.trim();
    if (await applyReceipt(deps, r.out_id, r.success ? 'delivered' : 'failed', error)) applied++;
  }
  return applied;
}

/** Tencent's status callback names the message by the SerialNo (sid) SendSms answered. */
export async function tencentReceipts(deps: Deps, receipts: readonly TencentReceipt[]) {
  const sids = receipts.map((r) => `tencent:${r.sid}`);
  if (sids.length === 0) return 0;
  const rows = await deps.db
    .select({ id: outboxMessages.id, providerMessageId: outboxMessages.providerMessageId })
    .from(outboxMessages)
    .where(inArray(outboxMessages.providerMessageId, sids));
  const byProviderId = new Map(rows.map((r) => [r.providerMessageId, r.id]));
  let applied = 0;
  for (const r of receipts) {
    const id = byProviderId.get(`tencent:${r.sid}`);
    if (!id) continue;
    const ok = r.report_status === 'SUCCESS';
    const error = ok ? undefined : `${r.errmsg ?? ''} ${r.description ?? ''}`.trim();
    if (await applyReceipt(deps, `kefu-${id}`, ok ? 'delivered' : 'failed', error)) applied++;
  }
  return applied;
}
