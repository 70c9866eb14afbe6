import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERMISSION_CODES } from '../../../domain/permissions';
import { CLOSE_OUT_STEPS } from '../../../domain/tickets/close-out';
import type { QuoteStep } from '../../../domain/workorders/workorders.quote';
import type { WorkOrderAction } from '../../../domain/workorders/workorders.states';
import { AUDIT_ACTION_LABELS, AUDIT_SUBJECT_TYPE_LABELS, auditActionLabel } from '../../../shared/audit';

const SERVER = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

// The typed lists make a new work-order action a type error here until it is named.
const WORK_ORDER_ACTIONS = {
  assign: true,
  appointment: true,
  reschedule: true,
  checklist: true,
  depart: true,
  late: true,
  arrive: true,
  parts: true,
  visit: true,
  finish: true,
  carry_in: true,
  return_appointment: true,
  deliver: true,
  verify: true,
  close: true,
  cancel: true,
} satisfies Record<WorkOrderAction, true>;

const QUOTE_STEPS = {
  'confirm-service': true,
  'confirm-parts': true,
  'customer-confirm': true,
  approve: true,
} satisfies Record<QuoteStep, true>;

/** Actions written as template literals, each with every value it can take. */
const TEMPLATED: Record<string, string[]> = {
  'workorder.${action}': Object.keys(WORK_ORDER_ACTIONS).map((a) => `workorder.${a}`),
  'complaints.close_out_${step}': CLOSE_OUT_STEPS.map((s) => `complaints.close_out_${s}`),
  'message.${target}': ['message.delivered', 'message.failed'],
  // app/list-export.ts audits every list's Excel export under the list's name.
  '${definition.name}.exported': [
    'audit',
    'care_tasks',
    'contacts',
    'customers',
    'tickets',
    'workorders',
  ].map((list) => `${list}.exported`),
  'workorder.quote.${step}': Object.keys(QUOTE_STEPS).map((s) => `workorder.quote.${s}`),
  "task.${action === 'cancel' ? 'cancelled' : action === 'done' ? 'done' : 'reassigned'}": [
    'task.cancelled',
    'task.done',
    'task.reassigned',
  ],
};

const CODE = /'([a-z_]+(?:\.[a-z_]+)+)'/g;
const permissions = new Set<string>(PERMISSION_CODES);

/** Every audit action the server writes: `action:` / `action =` lines and the audit helpers' arguments. */
function writtenActions(): { literal: Set<string>; templates: Set<string> } {
  const literal = new Set<string>();
  const templates = new Set<string>();
  for (const file of sourceFiles(SERVER)) {
    if (relative(SERVER, file).startsWith('modules/audit/')) continue;
    const text = readFileSync(file, 'utf8');
    for (const line of text.split('\n')) {
      if (!/\baction(: | = | \?\? )/.test(line) || /Errors?\.|throw /.test(line)) continue;
      for (const m of line.matchAll(CODE)) literal.add(m[1]!);
      const template = /action: `([^`]+)`/.exec(line);
      if (template) templates.add(template[1]!);
    }
    for (const call of text.matchAll(/\b(?:editWorkOrder|auditComplaint|saveOwn)\(([^;]*?)\)[;,]/gs)) {
      for (const m of call[1]!.matchAll(CODE)) if (!permissions.has(m[1]!)) literal.add(m[1]!);
      for (const m of call[1]!.matchAll(/`([a-z_.]+\$\{[a-z]+\})`/g)) templates.add(m[1]!);
    }
    // Returns write their steps' actions through one helper; its first string argument is the action.
    for (const call of text.matchAll(/\bonLockedReturn\(\s*[^']*?'([a-z_]+(?:\.[a-z_]+)+)'/gs))
      literal.add(call[1]!);
  }
  return { literal, templates };
}

describe('ORG-4 audit trail names (issue 16: action names instead of raw codes)', () => {
  it('ORG-4: every action the server writes to the audit trail has a Chinese and an English name', () => {
    const { literal, templates } = writtenActions();
    expect(literal.size).toBeGreaterThan(100);
    expect([...templates].sort()).toEqual(Object.keys(TEMPLATED).sort());
    const all = [...literal, ...Object.values(TEMPLATED).flat()];
    const unnamed = all.filter((a) => !AUDIT_ACTION_LABELS[a]);
    expect(unnamed, 'add these to AUDIT_ACTION_LABELS in src/shared/audit.ts').toEqual([]);
    for (const a of all) {
      expect(auditActionLabel(a, 'zh')).toMatch(/[\u4e00-\u9fff]/);
      expect(auditActionLabel(a, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('ORG-4: every kind of subject the server writes to the audit trail has a Chinese and an English name', () => {
    const written = new Set<string>();
    for (const file of sourceFiles(SERVER)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/subjectType: '([a-z_]+)'/g)) written.add(m[1]!);
      // Subjects named by a module's constant (JOURNEY_SUBJECT = 'journey').
      for (const m of text.matchAll(/[A-Z_]*SUBJECT[A-Z_]* = '([a-z_]+)'/g)) written.add(m[1]!);
    }
    expect(written.size).toBeGreaterThan(40);
    const unnamed = [...written].filter((s) => !AUDIT_SUBJECT_TYPE_LABELS[s]).sort();
    expect(unnamed, 'add these to AUDIT_SUBJECT_TYPE_LABELS in src/shared/audit.ts').toEqual([]);
    for (const s of written) {
      expect(AUDIT_SUBJECT_TYPE_LABELS[s]!.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(AUDIT_SUBJECT_TYPE_LABELS[s]!.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('ORG-4: an action not named yet still reads as a verb, with its code', () => {
    expect(auditActionLabel('widgets.created', 'zh')).toBe('新建 (widgets.created)');
    expect(auditActionLabel('widgets.frobbed', 'en')).toBe('widgets.frobbed');
  });
});
