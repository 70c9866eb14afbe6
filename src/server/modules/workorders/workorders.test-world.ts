/** A test organisation for the work-order tests: a store with its people, a customer with an asset. */
import zlib from 'node:zlib';
import { buildOrganisation, createUser, TEST_PASSWORD } from '../../test/factories';
import type { HttpSession, TestKefu } from '../../test/test-app';

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * An RGBA PNG like a browser canvas makes: transparent, with a dark stroke across the middle
 * unless `blank`. Odd rows use the Sub filter so the decoder's unfiltering is exercised.
 */
export function signaturePng(blank = false, width = 40, height = 12): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const line = Buffer.alloc(width * 4);
    if (!blank && y === height >> 1) for (let x = 5; x < width - 5; x++) line.set([20, 20, 20, 255], x * 4);
    const filter = y % 2;
    const filtered = Buffer.alloc(line.length);
    for (let i = 0; i < line.length; i++)
      filtered[i] = filter === 1 ? (line[i]! - (i >= 4 ? line[i - 4]! : 0)) & 0xff : line[i]!;
    rows.push(Buffer.from([filter]), filtered);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
export const SIGNATURE = dataUrl(signaturePng());

/**
 * A repair's feedback form as the customer fills it: the repair aspects rated and the product the
 * work was on (the world's asset or the typed model) accepted (SAT-1).
 */
export const acceptance = (signature = SIGNATURE) => ({
  signerName: '王女士',
  signature,
  ratings: { service: 5, workmanship: 4, punctuality: 5, attitude: 5 },
  items: [{ key: 'product', result: 'accepted' }],
  comment: '师傅很专业',
});

export async function login(kefu: TestKefu, username: string): Promise<HttpSession> {
  return kefu.login(username, TEST_PASSWORD);
}

/** Store A with a supervisor, two technicians, an agent, QM, GM, finance, warehouse; a customer with an in-warranty asset. */
export async function buildWorkOrderWorld(kefu: TestKefu, prefix: string) {
  const admin = await kefu.login('admin');
  const org = await buildOrganisation(admin);
  const store = org.storeA;
  const people = {
    supervisor: await createUser(admin, `${prefix}sup`, store.id, 'installation_supervisor'),
    tech: await createUser(admin, `${prefix}tech`, store.id, 'technician'),
    tech2: await createUser(admin, `${prefix}tech2`, store.id, 'technician'),
    otherTech: await createUser(admin, `${prefix}techb`, org.storeB.id, 'technician'),
    agent: await createUser(admin, `${prefix}agent`, store.id, 'agent'),
    qm: await createUser(admin, `${prefix}qm`, org.hq.id, 'quality_manager'),
    gm: await createUser(admin, `${prefix}gm`, org.hq.id, 'general_manager'),
    finance: await createUser(admin, `${prefix}fin`, store.id, 'finance'),
    warehouse: await createUser(admin, `${prefix}wh`, store.id, 'warehouse'),
    manager: await createUser(admin, `${prefix}mgr`, store.id, 'store_manager'),
    supervisorB: await createUser(admin, `${prefix}supb`, org.storeB.id, 'installation_supervisor'),
  };
  const customer = await admin.post('/api/v1/customers', {
    unitId: store.id,
    name: '王女士',
    phones: [{ number: '13812345678' }],
    addresses: [{ address: '上海市徐汇区漕溪北路 88 号 1201 室' }],
    assets: [
      {
        kind: 'product',
        name: '空调',
        model: 'KFR-35GW',
        number: 'SN001',
        purchaseDate: '2025-06-01',
        warrantyEnd: '2027-12-31',
      },
      {
        kind: 'product',
        name: '热水器',
        model: 'JSQ-20',
        number: 'SN002',
        purchaseDate: '2022-01-31',
        warrantyEnd: '2025-01-31',
      },
    ],
  });
  if (customer.statusCode !== 201) throw new Error(customer.body);
  const c = customer.json() as { id: string; assets: { id: string; name: string }[] };
  return {
    admin,
    org,
    store,
    people,
    customerId: c.id,
    inWarrantyAssetId: c.assets.find((a) => a.name === '空调')!.id,
    outOfWarrantyAssetId: c.assets.find((a) => a.name === '热水器')!.id,
  };
}

/**
 * PAY-3: a charged order leaves only with its quote approved and signed by the customer. Gives the
 * order a call-out fee (a small charge: no managers' approval) priced by finance, agreed by phone
 * and signed, as the supervisor and finance of the world built with `prefix`.
 */
export async function signedCallOutQuote(kefu: TestKefu, prefix: string, url: string) {
  const sup = await login(kefu, `${prefix}sup`);
  const fin = await login(kefu, `${prefix}fin`);
  const steps = [
    await sup.request('PUT', `${url}/quote`, {
      lines: [{ kind: 'service', name: '上门费', quantity: 1, unitPriceFen: 5000 }],
    }),
    await fin.post(`${url}/quote/confirm-service`, {}),
    await sup.post(`${url}/quote/customer-confirm`, { how: 'phone' }),
    await sup.post(`${url}/quote/sign`, { signerName: '王女士', signature: SIGNATURE }),
  ];
  const failed = steps.find((r) => r.statusCode !== 200);
  if (failed) throw new Error(`call-out quote: ${failed.statusCode} ${failed.body}`);
}
