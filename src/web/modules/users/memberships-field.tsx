import { Button, Form, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { RoleSelect } from '../../components/role-select';

/** Form.List of {unitId, roleId} pairs; at least one is required. */
export function MembershipsField({ name = 'memberships' }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, value: unknown[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('users.membershipsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('users.memberships')} required>
          {fields.map((field, index) => (
            <Space
              key={field.key}
              align="baseline"
              style={{ display: 'flex', marginBottom: 8 }}
              data-testid={`membership-${index}`}
            >
              <Form.Item
                name={[field.name, 'unitId']}
                rules={[{ required: true, message: t('common.selectUnit') }]}
                style={{ marginBottom: 0 }}
              >
                <UnitTreeSelect style={{ width: 220 }} data-testid={`membership-unit-${index}`} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'roleId']}
                rules={[{ required: true, message: t('common.selectRole') }]}
                style={{ marginBottom: 0 }}
              >
                <RoleSelect style={{ width: 160 }} data-testid={`membership-role-${index}`} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} data-testid="add-membership">
            {t('users.addMembership')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}
