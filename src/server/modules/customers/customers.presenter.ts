import { maskIdentityNumber, maskPhone, propertyTitleDueOn } from '../../../domain/customers';
import type { AssetRow, CustomerRecord, CustomerRow, PhoneRow } from './customers.repository';

/** Client shapes of the customer archive; numbers are masked unless the caller may see them (CUS-4). */
export function presentSpecialAttention(c: CustomerRow) {
  if (!c.specialAttention) return null;
  return {
    reason: c.specialAttentionReason ?? '',
    note: c.specialAttentionNote,
    setAt: c.specialAttentionSetAt?.toISOString() ?? null,
    setById: c.specialAttentionSetBy,
  };
}

export function presentPhone(p: PhoneRow, masked: boolean) {
  return {
    id: p.id,
    number: masked ? maskPhone(p.normalized) : p.display,
    kind: p.kind,
    label: p.label,
    isPrimary: p.isPrimary,
  };
}

export function presentAsset(a: AssetRow) {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    model: a.model,
    number: a.number,
    purchaseDate: a.purchaseDate,
    warrantyEnd: a.warrantyEnd,
    serviceIntervalDays: a.serviceIntervalDays,
    note: a.note,
    titleCertificateOn: a.titleCertificateOn,
    titleNumber: a.titleNumber,
    titleDueOn: a.titleCertificateOn ? propertyTitleDueOn(a.titleCertificateOn) : null,
  };
}

export function presentCustomer(r: CustomerRecord, masked: boolean) {
  const c = r.customer;
  return {
    id: c.id,
    unitId: c.unitId,
    name: c.name,
    birthday: c.birthday,
    source: c.source,
    identityNumber: c.identityNumber && masked ? maskIdentityNumber(c.identityNumber) : c.identityNumber,
    note: c.note,
    draft: c.draft,
    specialAttention: presentSpecialAttention(c),
    masked,
    phones: r.phones.map((p) => presentPhone(p, masked)),
    addresses: r.addresses.map((a) => ({
      id: a.id,
      label: a.label,
      address: a.address,
      isPrimary: a.isPrimary,
    })),
    assets: r.assets.map(presentAsset),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
