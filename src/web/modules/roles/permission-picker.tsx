import { Checkbox, Col, Divider, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../api/types';
import { usePermissionCatalog } from '../../hooks/use-permission-catalog';
import { localName } from '../../lib/format';

export function groupPermissions(items: readonly Permission[]): Array<[string, Permission[]]> {
  const groups = new Map<string, Permission[]>();
  for (const p of items) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return [...groups.entries()];
}

/** Checkboxes grouped by capability, with a select-all per group. A Form control (value/onChange). */
export function PermissionPicker({
  value = [],
  onChange,
}: {
  value?: string[];
  onChange?: (next: string[]) => void;
}) {
  const { t } = useTranslation();
  const catalog = usePermissionCatalog();
  if (catalog.isLoading) return <Spin />;
  const chosen = new Set(value);
  const set = (codes: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    onChange?.([...next]);
  };

  return (
    <div data-testid="permission-picker">
      {groupPermissions(catalog.data?.items ?? []).map(([group, perms]) => {
        const codes = perms.map((p) => p.code);
        const count = codes.filter((c) => chosen.has(c)).length;
        return (
          <div key={group}>
            <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
              <Checkbox
                checked={count === codes.length}
                indeterminate={count > 0 && count < codes.length}
                onChange={(e) => set(codes, e.target.checked)}
              >
                <Typography.Text strong>
                  {t(`permissionGroup.${group}`, { defaultValue: group })}
                </Typography.Text>
              </Checkbox>
            </Divider>
            <Row gutter={[8, 8]}>
              {perms.map((p) => (
                <Col span={12} key={p.code}>
                  <Checkbox checked={chosen.has(p.code)} onChange={(e) => set([p.code], e.target.checked)}>
                    {localName(p)}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.code}
                    </Typography.Text>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </div>
        );
      })}
    </div>
  );
}
