import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../../domain/permissions';
import { startLocalS3Server, type LocalS3Server } from '../../app/storage/local-s3-server';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { auditLog } from '../audit/audit.table';
import { orgErrors } from '../org/org.errors';
import { findUnit } from '../org/org.repository';
import { registerAttachmentSubject } from './attachments.subjects';
import { attachments } from './attachments.table';
import { tinyJpeg, tinyPdf, tinyPng, windowsProgram } from './attachments.test-images';

// A stand-in record type until tickets register theirs: an organisation unit owns itself. Seeing
// it needs org.units.read there (agents and trainees); adding files needs org.users.read (agents).
registerAttachmentSubject('organisation_unit', {
  unitOf: async (deps, actor, id) => {
    const unit = await findUnit(deps.db, id);
    if (!unit || !can(actor.grants, 'org.units.read', unit.path)) throw orgErrors.unitNotFound();
    return unit.path;
  },
  canWrite: (_deps, actor, _id, unitPath) => can(actor.grants, 'org.users.read', unitPath),
});

interface FilePart {
  name: string;
  bytes: Buffer;
  /** Send the name as RFC 5987 `filename*` (as some clients do) instead of raw UTF-8. */
  encodedName?: boolean;
  field?: string;
}

function multipart(fields: Record<string, string>, files: FilePart[] = []) {
  const boundary = `----kefu${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    const nameParam = file.encodedName
      ? `filename*=UTF-8''${encodeURIComponent(file.name)}`
      : `filename="${file.name}"`;
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; ${nameParam}\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** RFC 5987 `filename*` read back the way a browser does. */
function nameFromDisposition(header: string): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(header);
  return decodeURIComponent(match![1]!);
}

describe.each(['directory', 's3'] as const)('IN-4 attachments stored in %s storage', (backend) => {
  let kefu: TestKefu;
  let s3: LocalS3Server | null = null;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let agentA: HttpSession;
  let agentB: HttpSession;
  let traineeA: HttpSession;

  /** Every object the storage backend holds, read from the backend itself. */
  const storedObjects = (): string[] => {
    if (s3) return s3.objectKeys();
    const root = path.join(kefu.deps.config.dataDir, 'files');
    if (!fs.existsSync(root)) return [];
    return (fs.readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => !f.startsWith('.tmp') && fs.statSync(path.join(root, f)).isFile(),
    );
  };

  const upload = (
    session: HttpSession,
    subjectId: string,
    files: FilePart[],
    subjectType = 'organisation_unit',
  ) => {
    const form = multipart({ subjectType, subjectId }, files);
    return session.request('POST', '/api/v1/attachments', form.body, form.headers);
  };

  beforeAll(async () => {
    if (backend === 's3') s3 = await startLocalS3Server();
    kefu = await createTestKefu({ KEFU_ATTACHMENT_MAX_MB: '1', ...(s3?.env ?? {}) });
    expect(kefu.deps.storage.kind).toBe(backend);
    const admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    await createUser(admin, 'agent.a', org.storeA.id, 'agent');
    await createUser(admin, 'agent.b', org.storeB.id, 'agent');
    await createUser(admin, 'trainee.a', org.storeA.id, 'trainee');
    agentA = await kefu.login('agent.a', TEST_PASSWORD);
    agentB = await kefu.login('agent.b', TEST_PASSWORD);
    traineeA = await kefu.login('trainee.a', TEST_PASSWORD);
  });
  afterAll(async () => {
    await kefu.close();
    await s3?.close();
  });

  it('IN-4: a PNG photo goes up and comes back byte for byte, typed by its content', async () => {
    const png = tinyPng(3, 2);
    const res = await upload(agentA, org.storeA.id, [{ name: 'scratch.png', bytes: png }]);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      subjectType: 'organisation_unit',
      subjectId: org.storeA.id,
      unitId: org.storeA.id,
      fileName: 'scratch.png',
      contentType: 'image/png',
      size: png.length,
      sha256: sha256(png),
      uploadedBy: { displayName: 'agent.a' },
    });

    const list = await agentA.get(
      `/api/v1/attachments?subjectType=organisation_unit&subjectId=${org.storeA.id}`,
    );
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(created.id);

    const content = await agentA.get(created.contentUrl);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload).toEqual(png);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toMatch(/^inline; /);
    expect(Number(content.headers['content-length'])).toBe(png.length);

    const saved = await agentA.get(`${created.contentUrl}?download=true`);
    expect(saved.headers['content-disposition']).toMatch(/^attachment; /);
    const cached = await agentA.request('GET', created.contentUrl, undefined, {
      'if-none-match': `"${sha256(png)}"`,
    });
    expect(cached.statusCode).toBe(304);
  });

  it('IN-4: a JPEG with a Chinese name keeps its name, sent raw or RFC 5987-encoded', async () => {
    const jpeg = tinyJpeg();
    for (const [name, encodedName] of [
      ['客户投诉照片（漏水）.jpg', false],
      ['整改后 现场照片 2026年3月.jpeg', true],
    ] as const) {
      const res = await upload(agentA, org.storeA.id, [{ name, bytes: jpeg, encodedName }]);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ fileName: name, contentType: 'image/jpeg', size: jpeg.length });
      const content = await agentA.get(res.json().contentUrl);
      expect(content.rawPayload).toEqual(jpeg);
      expect(content.headers['content-type']).toBe('image/jpeg');
      const disposition = String(content.headers['content-disposition']);
      expect(disposition).toMatch(/^[\x20-\x7e]+$/);
      expect(nameFromDisposition(disposition)).toBe(name);
    }
  });

  it('IN-4: the type comes from the bytes: a PNG named .pdf is a PNG, a PDF is accepted', async () => {
    const misnamed = await upload(agentA, org.storeA.id, [{ name: '报告.pdf', bytes: tinyPng() }]);
    expect(misnamed.statusCode).toBe(201);
    expect(misnamed.json().contentType).toBe('image/png');
    const pdf = await upload(agentA, org.storeA.id, [{ name: '检测报告.pdf', bytes: tinyPdf() }]);
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json().contentType).toBe('application/pdf');
    const content = await agentA.get(pdf.json().contentUrl);
    expect(content.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('IN-4: refuses a program renamed .jpg, plain text, an empty file and a file over the limit; nothing is stored', async () => {
    const before = storedObjects();
    const exe = await upload(agentA, org.storeA.id, [{ name: '现场照片.jpg', bytes: windowsProgram() }]);
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({
      code: 'attachments.type_not_allowed',
      details: { detected: 'application/x-msdownload' },
    });
    const text = await upload(agentA, org.storeA.id, [
      { name: 'photo.png', bytes: Buffer.from('<svg onload="alert(1)"></svg>') },
    ]);
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('attachments.type_not_allowed');
    const empty = await upload(agentA, org.storeA.id, [{ name: 'empty.png', bytes: Buffer.alloc(0) }]);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('attachments.empty_file');
    const huge = Buffer.concat([tinyPng(), Buffer.alloc(1024 * 1024)]);
    const tooLarge = await upload(agentA, org.storeA.id, [{ name: 'big.png', bytes: huge }]);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({
      code: 'attachments.too_large',
      details: { maxBytes: 1024 * 1024 },
    });
    expect(storedObjects()).toEqual(before);
  });

  it('IN-4: bad requests get a clear 4xx: no file, two files, unknown record type, a JSON body, unknown fields', async () => {
    const noFile = await upload(agentA, org.storeA.id, []);
    expect([noFile.statusCode, noFile.json().code]).toEqual([400, 'attachments.file_missing']);
    const two = await upload(agentA, org.storeA.id, [
      { name: 'a.png', bytes: tinyPng() },
      { name: 'b.png', bytes: tinyPng() },
    ]);
    expect([two.statusCode, two.json().code]).toEqual([400, 'attachments.one_file_only']);
    const unknownType = await upload(
      agentA,
      org.storeA.id,
      [{ name: 'a.png', bytes: tinyPng() }],
      'spaceship',
    );
    expect([unknownType.statusCode, unknownType.json().code]).toEqual([
      400,
      'attachments.unknown_subject_type',
    ]);
    const json = await agentA.post('/api/v1/attachments', {
      subjectType: 'organisation_unit',
      subjectId: org.storeA.id,
    });
    expect([json.statusCode, json.json().code]).toEqual([415, 'attachments.multipart_required']);
    const extra = multipart({ subjectType: 'organisation_unit', subjectId: org.storeA.id, note: 'x' }, [
      { name: 'a.png', bytes: tinyPng() },
    ]);
    const extraRes = await agentA.request('POST', '/api/v1/attachments', extra.body, extra.headers);
    expect([extraRes.statusCode, extraRes.json().code]).toEqual([400, 'validation.failed']);
    const badId = await upload(agentA, 'not-a-uuid', [{ name: 'a.png', bytes: tinyPng() }]);
    expect([badId.statusCode, badId.json().code]).toEqual([400, 'validation.failed']);
  });

  it('ORG-1: another store answers 404 for its records and their files; a trainee may look but not add', async () => {
    const res = await upload(agentA, org.storeA.id, [{ name: 'a.png', bytes: tinyPng() }]);
    const id = res.json().id as string;

    const foreignUpload = await upload(agentB, org.storeA.id, [{ name: 'b.png', bytes: tinyPng() }]);
    expect([foreignUpload.statusCode, foreignUpload.json().code]).toEqual([404, 'org.unit_not_found']);
    const foreignList = await agentB.get(
      `/api/v1/attachments?subjectType=organisation_unit&subjectId=${org.storeA.id}`,
    );
    expect(foreignList.statusCode).toBe(404);
    const foreignContent = await agentB.get(`/api/v1/attachments/${id}/content`);
    expect([foreignContent.statusCode, foreignContent.json().code]).toEqual([404, 'attachments.not_found']);
    const foreignDelete = await agentB.request('DELETE', `/api/v1/attachments/${id}`);
    expect([foreignDelete.statusCode, foreignDelete.json().code]).toEqual([404, 'attachments.not_found']);

    expect((await traineeA.get(`/api/v1/attachments/${id}/content`)).statusCode).toBe(200);
    const traineeUpload = await upload(traineeA, org.storeA.id, [{ name: 'c.png', bytes: tinyPng() }]);
    // The trainee holds neither tickets.manage nor a work-order right anywhere: refused at the route.
    expect([traineeUpload.statusCode, traineeUpload.json().code]).toEqual([403, 'auth.forbidden']);
    const traineeDelete = await traineeA.request('DELETE', `/api/v1/attachments/${id}`);
    expect(traineeDelete.statusCode).toBe(403);

    // A store agent's scope covers its departments, not its region.
    const deptUpload = await upload(agentA, org.storeAEngineering.id, [{ name: 'd.png', bytes: tinyPng() }]);
    expect(deptUpload.statusCode).toBe(201);
    expect((await upload(agentA, org.east.id, [{ name: 'e.png', bytes: tinyPng() }])).statusCode).toBe(404);
  });

  it('IN-4: removing an attachment hides it and leaves both audit entries', async () => {
    const res = await upload(agentA, org.storeB.id, [{ name: 'b.png', bytes: tinyPng() }]).then(async (r) => {
      expect(r.statusCode).toBe(404);
      return upload(agentB, org.storeB.id, [{ name: '待删除.png', bytes: tinyPng() }]);
    });
    const id = res.json().id as string;
    const removed = await agentB.request('DELETE', `/api/v1/attachments/${id}`);
    expect(removed.statusCode).toBe(204);
    expect((await agentB.request('DELETE', `/api/v1/attachments/${id}`)).statusCode).toBe(404);
    expect((await agentB.get(`/api/v1/attachments/${id}/content`)).statusCode).toBe(404);
    const list = await agentB.get(
      `/api/v1/attachments?subjectType=organisation_unit&subjectId=${org.storeB.id}`,
    );
    expect(list.json().items.map((a: { id: string }) => a.id)).not.toContain(id);
    const audit = await kefu.deps.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'attachment'), eq(auditLog.subjectId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual(['attachment.deleted', 'attachment.uploaded']);
  });

  it('IN-4: when the database write fails after the file was stored, the stored file is removed again', async () => {
    await kefu.deps.db.execute(sql`
      create function kefu_test_crash_attachment() returns trigger language plpgsql as $$
      begin
        if new.file_name = 'crash.png' then raise exception 'simulated crash between storage and database'; end if;
        return new;
      end $$`);
    await kefu.deps.db.execute(sql`
      create trigger kefu_test_crash_attachment before insert on attachments
      for each row execute function kefu_test_crash_attachment()`);
    const before = storedObjects();
    const rowsBefore = await kefu.deps.db.select({ n: sql<number>`count(*)::int` }).from(attachments);

    // Record what reached storage, to be sure the file really was stored before the failure.
    const storage = kefu.deps.storage;
    const putKeys: string[] = [];
    kefu.deps.storage = {
      ...storage,
      put: (key, body, options) => (putKeys.push(key), storage.put(key, body, options)),
    };
    const res = await upload(agentA, org.storeA.id, [{ name: 'crash.png', bytes: tinyPng() }]).finally(() => {
      kefu.deps.storage = storage;
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('internal');
    expect(putKeys).toHaveLength(1);
    expect(await storage.exists(putKeys[0]!)).toBe(false);
    expect(storedObjects()).toEqual(before);
    const rowsAfter = await kefu.deps.db.select({ n: sql<number>`count(*)::int` }).from(attachments);
    expect(rowsAfter).toEqual(rowsBefore);

    // The same upload under another name goes through: the failure left nothing in the way.
    expect((await upload(agentA, org.storeA.id, [{ name: 'fine.png', bytes: tinyPng() }])).statusCode).toBe(
      201,
    );
    expect(storedObjects()).toHaveLength(before.length + 1);
  });
});
