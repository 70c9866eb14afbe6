import { Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ASSET_KINDS } from './customer-types';

// The dynamic phone, address and asset lists of the customer form. Existing items carry their id
// so the server keeps them (docs/api-customers.md: lists in PATCH replace the current list).

const removeButton = (onClick: () => void, label: string) => (
  <Button type="text" danger icon={<DeleteOutlined />} onClick={onClick} aria-label={label} />
);

export function PhonesField() {
  const { t } = useTranslation();
  return (
    <Form.List name="phones">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <Row key={key} gutter={8} align="top" wrap={false}>
              <Form.Item name={[name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Col flex="auto">
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) => {
                    // A masked number cannot be edited: the agent keeps it or removes it (CUS-4).
                    const lockedNumber = String(getFieldValue(['phones', name, 'number']) ?? '').includes(
                      '*',
                    );
                    return (
                      <Form.Item
                        name={[name, 'number']}
                        rules={[{ required: true, whitespace: true, message: t('customers.phoneRequired') }]}
                      >
                        <Input
                          disabled={lockedNumber}
                          placeholder={t('customers.phonePlaceholder')}
                          maxLength={40}
                          data-testid={`phone-number-${name}`}
                        />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
              </Col>
              <Col flex="140px">
                <Form.Item name={[name, 'label']}>
                  <Input placeholder={t('customers.phoneLabel')} maxLength={30} />
                </Form.Item>
              </Col>
              <Col flex="none">
                <Form.Item name={[name, 'isPrimary']} valuePropName="checked">
                  <Checkbox>{t('customers.primary')}</Checkbox>
                </Form.Item>
              </Col>
              <Col flex="none">{removeButton(() => remove(name), t('common.remove'))}</Col>
            </Row>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ isPrimary: fields.length === 0 })}
            style={{ marginBottom: 16 }}
            data-testid="add-phone"
          >
            {t('customers.addPhone')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function AddressesField() {
  const { t } = useTranslation();
  return (
    <Form.List name="addresses">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <Row key={key} gutter={8} wrap={false}>
              <Form.Item name={[name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Col flex="120px">
                <Form.Item name={[name, 'label']}>
                  <Input placeholder={t('customers.addressLabel')} maxLength={30} />
                </Form.Item>
              </Col>
              <Col flex="auto">
                <Form.Item
                  name={[name, 'address']}
                  rules={[{ required: true, whitespace: true, message: t('customers.addressRequired') }]}
                >
                  <Input placeholder={t('customers.addressPlaceholder')} maxLength={300} />
                </Form.Item>
              </Col>
              <Col flex="none">{removeButton(() => remove(name), t('common.remove'))}</Col>
            </Row>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add()}
            style={{ marginBottom: 16 }}
          >
            {t('customers.addAddress')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function AssetsField() {
  const { t } = useTranslation();
  return (
    <Form.List name="assets">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <div
              key={key}
              style={{
                border: '1px dashed #d9d9d9',
                borderRadius: 6,
                padding: '12px 12px 0',
                marginBottom: 12,
              }}
            >
              <Form.Item name={[name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={8} wrap={false}>
                <Col flex="110px">
                  <Form.Item name={[name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      aria-label={t('customers.assetKindLabel')}
                      options={ASSET_KINDS.map((k) => ({ value: k, label: t(`customers.assetKind.${k}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  <Form.Item
                    name={[name, 'name']}
                    rules={[{ required: true, whitespace: true, message: t('customers.assetNameRequired') }]}
                  >
                    <Input placeholder={t('customers.assetName')} maxLength={100} />
                  </Form.Item>
                </Col>
                <Col flex="none">{removeButton(() => remove(name), t('common.remove'))}</Col>
              </Row>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item name={[name, 'model']}>
                    <Input placeholder={t('customers.model')} maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[name, 'number']}>
                    <Input placeholder={t('customers.assetNumber')} maxLength={60} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[name, 'purchaseDate']}>
                    <DatePicker placeholder={t('customers.purchaseDate')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[name, 'warrantyEnd']}>
                    <DatePicker placeholder={t('customers.warrantyEnd')} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[name, 'serviceIntervalDays']}>
                    <InputNumber
                      min={1}
                      max={3650}
                      precision={0}
                      placeholder={t('customers.serviceInterval')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name={[name, 'note']}>
                    <Input placeholder={t('customers.assetNote')} maxLength={500} />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ kind: 'product' })}
            style={{ marginBottom: 16 }}
          >
            {t('customers.addAsset')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
