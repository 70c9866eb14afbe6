/** Channel accounts as the admin page sees them: create, change, list; secrets sealed at rest. */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { can, scopeRoots } from '../../../domain/permissions';
import { SHIPPED_TEMPLATES, variablesIn } from '../../../domain/messages';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { customerNames } from '../customers/customers.service';
import { customers } from '../customers/customers.table';
import {
  assertCan,
  activeActorOf,
  findUnit,
  loadGrants,
  scopeOf,
  unitNames,
  unitPaths,
  unitsWithin,
} from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import {
  SECRET_FIELDS,
  type ChannelAccount,
  type ChannelAccountInput,
  type ChannelKind,
  type ChannelTemplate,
  type Conversation,
} from '../../../shared/channels';
import { channelErrors } from './channels.errors';
import { openSecrets, sealSecrets, secretKeyOf } from './channels.secrets';
import { channelAccounts, channelConversations, channelMessages, channelTemplates } from './channels.table';

export type AccountRow = typeof channelAccounts.$inferSelect;

/** The account's intake person (who takes messages in), while their account is active. */
export async function intakeActor(deps: Deps, account: AccountRow): Promise<Actor | null> {
  return account.intakeUserId ? activeActorOf(deps.db, account.intakeUserId) : null;
}

export function hooksOf(row: Pick<AccountRow, 'id' | 'kind' | 'hookKey'>): Record<string, string> {
  const base = `/api/v1/channels/hooks/${row.id}/${row.hookKey}`;
  if (row.kind === 'sms_aliyun') return { receipts: `${base}/aliyun-sms-report` };
  if (row.kind === 'sms_tencent') return { receipts: `${base}/tencent-sms-status` };
  // E-mail is fetched by Kefu (IMAP); nothing calls in.
  if (row.kind === 'email') return {};
  // Staff notices only go out: nothing calls Kefu back.
  if (row.kind === 'wecom_app' || row.kind === 'dingtalk_app') return {};
  // The official account's menu items link here (WeChat OAuth first, then the customer's page).
  if (row.kind === 'wechat_oa') {
    const go = `/api/v1/public/oa/${row.id}/go`;
    return {
      menuPortal: `${go}?to=portal`,
      menuWorkorder: `${go}?to=workorder`,
      menuSurvey: `${go}?to=survey`,
    };
  }
  return { callback: `${base}/wechat-kf` };
}

export function secretsOf(deps: Deps, row: Pick<AccountRow, 'secrets'>): Record<string, string> {
  return openSecrets(secretKeyOf(deps.config), row.secrets);
}

async function present(deps: Deps, rows: AccountRow[]): Promise<ChannelAccount[]> {
  const names = await unitNames(
    deps.db,
    rows.map((r) => r.unitId),
  );
  return rows.map((r) => {
    const secrets = secretsOf(deps, r);
    return {
      id: r.id,
      unitId: r.unitId,
      unitName: names.get(r.unitId) ?? null,
      kind: r.kind as ChannelKind,
      name: r.name,
      enabled: r.enabled,
      settings: r.settings,
      secretsSet: Object.keys(secrets).filter((k) => !!secrets[k]),
      intakeUserId: r.intakeUserId,
      hooks: hooksOf(r),
      lastError: r.lastError,
      lastErrorAt: r.lastErrorAt?.toISOString() ?? null,
      refusedCallbacks: r.refusedCallbacks,
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

export async function listAccounts(deps: Deps, actor: Actor): Promise<ChannelAccount[]> {
  const roots = scopeOf(actor, 'channels.manage');
  const rows = await deps.db
    .select()
    .from(channelAccounts)
    .where(
      inArray(
        channelAccounts.unitId,
        deps.db.select({ id: organisationUnits.id }).from(organisationUnits).where(unitsWithin(roots)),
      ),
    )
    .orderBy(channelAccounts.kind, channelAccounts.name);
  return present(deps, rows);
}

async function accountInScope(
  deps: Deps,
  actor: Actor,
  id: string,
  permission: 'channels.manage' | 'channels.reply',
) {
  const [row] = await deps.db.select().from(channelAccounts).where(eq(channelAccounts.id, id));
  if (!row) throw channelErrors.notFound();
  const path = (await unitPaths(deps.db, [row.unitId])).get(row.unitId) ?? [];
  assertCan(actor, permission, path, channelErrors.notFound);
  return row;
}

/** The intake person must be able to log contacts and open tickets in the channel's unit. */
async function checkIntakeUser(deps: Deps, userId: string, unitPath: readonly string[]) {
  const grants = await loadGrants(deps.db, userId);
  if (!can(grants, 'contacts.manage', unitPath) || !can(grants, 'tickets.create', unitPath))
    throw channelErrors.intakeUserUnfit();
}

/** Creates (id null) or changes a channel account; secrets left empty keep their stored values. */
export async function saveAccount(
  deps: Deps,
  actor: Actor,
  id: string | null,
  input: ChannelAccountInput,
): Promise<ChannelAccount> {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit) throw channelErrors.unitNotFound();
  assertCan(actor, 'channels.manage', unit.path, channelErrors.unitNotFound);
  const before = id ? await accountInScope(deps, actor, id, 'channels.manage') : null;
  if (before && before.kind !== input.kind) throw channelErrors.wrongKind();
  if (input.intakeUserId) await checkIntakeUser(deps, input.intakeUserId, unit.path);
  const key = secretKeyOf(deps.config);
  const old = before ? openSecrets(key, before.secrets) : {};
  const given = input.secrets as Record<string, string | undefined>;
  const secrets: Record<string, string> = {};
  for (const field of SECRET_FIELDS[input.kind]) {
    const value = given[field]?.trim() || old[field];
    if (!value) throw channelErrors.secretsMissing({ field });
    secrets[field] = value;
  }
  const now = deps.clock.now();
  const values = {
    unitId: unit.id,
    kind: input.kind,
    name: input.name,
    enabled: input.enabled,
    settings: input.settings as Record<string, unknown>,
    secrets: sealSecrets(key, secrets),
    intakeUserId: input.intakeUserId ?? null,
    updatedAt: now,
    updatedBy: actor.userId,
  };
  const row = await deps.db.transaction(async (tx) => {
    const [saved] = before
      ? await tx.update(channelAccounts).set(values).where(eq(channelAccounts.id, before.id)).returning()
      : await tx
          .insert(channelAccounts)
          .values({ ...values, hookKey: randomBytes(18).toString('base64url'), createdAt: now })
          .returning();
    const changedSecrets = SECRET_FIELDS[input.kind].filter((f) => !!given[f]?.trim());
    await recordAudit(tx, now, actor, {
      action: before ? 'channel.updated' : 'channel.created',
      subjectType: 'channel_account',
      subjectId: saved!.id,
      unitId: unit.id,
      // Secrets are named, never written to the audit trail.
      before: before ? { name: before.name, enabled: before.enabled, settings: before.settings } : null,
      after: {
        name: saved!.name,
        enabled: saved!.enabled,
        settings: saved!.settings,
        secretsChanged: changedSecrets,
      },
    });
    return saved!;
  });
  return (await present(deps, [row]))[0]!;
}

export async function getAccount(deps: Deps, actor: Actor, id: string): Promise<ChannelAccount> {
  return (await present(deps, [await accountInScope(deps, actor, id, 'channels.manage')]))[0]!;
}

/** Records a vendor problem on the account, shown on the admin page until the next success. */
export async function noteAccountError(db: Db, accountId: string, now: Date, error: string | null) {
  await db
    .update(channelAccounts)
    .set({ lastError: error?.slice(0, 1000) ?? null, lastErrorAt: error ? now : null })
    .where(eq(channelAccounts.id, accountId));
}

// ---------------------------------------------------------------------------------------------
// SMS templates and their approval state

function defaultParams(templateCode: string): string[] {
  const shipped = SHIPPED_TEMPLATES.find((t) => t.code === templateCode);
  return shipped ? variablesIn(shipped.body) : [];
}

export async function saveTemplate(
  deps: Deps,
  actor: Actor,
  accountId: string,
  input: { templateCode: string; providerTemplateCode: string; params?: string[] | undefined },
): Promise<void> {
  const account = await accountInScope(deps, actor, accountId, 'channels.manage');
  if (!['sms_aliyun', 'sms_tencent'].includes(account.kind)) throw channelErrors.wrongKind();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const params = input.params ?? defaultParams(input.templateCode);
    await tx
      .insert(channelTemplates)
      .values({
        accountId,
        templateCode: input.templateCode,
        providerTemplateCode: input.providerTemplateCode,
        params,
        approval: 'pending',
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [channelTemplates.accountId, channelTemplates.templateCode],
        set: {
          providerTemplateCode: input.providerTemplateCode,
          params,
          approval: 'pending',
          checkedAt: null,
          updatedAt: now,
        },
      });
    await recordAudit(tx, now, actor, {
      action: 'channel.template_saved',
      subjectType: 'channel_account',
      subjectId: accountId,
      unitId: account.unitId,
      after: { templateCode: input.templateCode, providerTemplateCode: input.providerTemplateCode, params },
    });
  });
}

/** Every gateway template of the accounts the caller may see, for the template page. */
export async function listTemplates(deps: Deps, actor: Actor): Promise<ChannelTemplate[]> {
  const roots = [
    ...new Set([
      ...scopeRoots(actor.grants, 'channels.manage'),
      ...scopeRoots(actor.grants, 'messages.read'),
    ]),
  ];
  if (roots.length === 0) return [];
  const rows = await deps.db
    .select({ t: channelTemplates, a: channelAccounts })
    .from(channelTemplates)
    .innerJoin(channelAccounts, eq(channelAccounts.id, channelTemplates.accountId))
    .where(
      inArray(
        channelAccounts.unitId,
        deps.db.select({ id: organisationUnits.id }).from(organisationUnits).where(unitsWithin(roots)),
      ),
    )
    .orderBy(channelTemplates.templateCode, channelAccounts.name);
  return rows.map(({ t, a }) => ({
    accountId: a.id,
    accountName: a.name,
    kind: a.kind as ChannelKind,
    templateCode: t.templateCode,
    providerTemplateCode: t.providerTemplateCode,
    params: t.params,
    approval: t.approval as ChannelTemplate['approval'],
    approvalNote: t.approvalNote,
    checkedAt: t.checkedAt?.toISOString() ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Conversations

export async function listConversations(
  deps: Deps,
  actor: Actor,
  q: { customerId?: string | undefined; accountId?: string | undefined },
): Promise<Conversation[]> {
  const roots = scopeOf(actor, 'channels.reply');
  const accounts = await deps.db
    .select()
    .from(channelAccounts)
    .where(
      and(
        inArray(
          channelAccounts.unitId,
          deps.db.select({ id: organisationUnits.id }).from(organisationUnits).where(unitsWithin(roots)),
        ),
        q.accountId ? eq(channelAccounts.id, q.accountId) : undefined,
      ),
    );
  if (accounts.length === 0) return [];
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const convs = await deps.db
    .select()
    .from(channelConversations)
    .where(
      and(
        inArray(
          channelConversations.accountId,
          accounts.map((a) => a.id),
        ),
        q.customerId ? eq(channelConversations.customerId, q.customerId) : undefined,
      ),
    )
    .orderBy(desc(channelConversations.lastInboundAt))
    .limit(100);
  if (convs.length === 0) return [];
  const msgs = await deps.db
    .select()
    .from(channelMessages)
    .where(
      inArray(
        channelMessages.conversationId,
        convs.map((c) => c.id),
      ),
    )
    .orderBy(channelMessages.occurredAt);
  const customerIds = convs.map((c) => c.customerId).filter((x): x is string => !!x);
  const custNames = await customerNames(deps.db, customerIds);
  const drafts = new Set(
    customerIds.length === 0
      ? []
      : (
          await deps.db
            .select({ id: customers.id })
            .from(customers)
            .where(and(inArray(customers.id, customerIds), eq(customers.draft, true)))
        ).map((r) => r.id),
  );
  return convs.map((c) => ({
    id: c.id,
    accountId: c.accountId,
    accountName: names.get(c.accountId) ?? '',
    externalId: c.externalId,
    customerId: c.customerId,
    customerName: c.customerId ? (custNames.get(c.customerId) ?? null) : null,
    customerDraft: !!c.customerId && drafts.has(c.customerId),
    ticketId: c.ticketId,
    lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
    messages: msgs
      .filter((m) => m.conversationId === c.id)
      .slice(-50)
      .map((m) => ({
        id: m.id,
        direction: m.direction as 'inbound' | 'outbound',
        kind: m.kind,
        body: m.body,
        occurredAt: m.occurredAt.toISOString(),
      })),
  }));
}

export async function conversationInScope(deps: Deps, actor: Actor, id: string) {
  const [conv] = await deps.db.select().from(channelConversations).where(eq(channelConversations.id, id));
  if (!conv) throw channelErrors.conversationNotFound();
  const account = await accountInScope(deps, actor, conv.accountId, 'channels.reply').catch(() => {
    throw channelErrors.conversationNotFound();
  });
  return { conv, account };
}
