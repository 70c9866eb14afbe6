import { useEffect, useState } from 'react';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import { DeleteOutlined, PlusOutlined, ToolOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { get, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { notifySuccess } from '../../lib/notify';
import { WO_PERM } from './workorders-api';
import { WORK_ORDER_SOURCES, WORK_ORDER_TYPES } from '../../../shared/workorders';
import { WORKORDERS, WORKORDERS_KEY } from './workorders-paths';
import type { WorkOrder, WorkOrderSource, WorkOrderType } from '../../../shared/workorders';
import { enterDoesNotSubmit } from '../../lib/form-keys';
import { LinkableOrderSelect } from './order-link';

/** What the ticket page hands over; a subset of its TicketDetail so the two modules stay apart. */
export interface TicketForWorkOrder {
  id: string;
  number: string;
  unit: { id: string; name: string };
  type: string;
  subject: string;
  description?: string;
  address?: string | null;
  contactPhone?: string | null;
  customerId?: string | null;
  customer?: { name?: string | null } | null;
}

const COMPLAINT_TYPES = ['soft_complaint', 'hard_complaint', 'rectification'];
// Ticket types that lead to a field visit (REP-1); consultations and praise do not.
const FIELD_TICKET_TYPES = ['repair', 'installation', 'return_exchange', ...COMPLAINT_TYPES];

const typeFromTicket = (ticketType: string): WorkOrderType =>
  ticketType === 'installation' ? 'install' : 'repair';

interface FormValues {
  unitId: string;
  type: WorkOrderType;
  problem: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  requiredSkill?: string;
  area?: string;
  source: WorkOrderSource;
  complaintDriven: boolean;
  orderId?: string;
}

/** 生成派工单 from a ticket (REP-1): type, problem and address come from the ticket; parts to bring. */
export function CreateWorkOrderModal({
  ticket,
  open,
  onClose,
}: {
  ticket: TicketForWorkOrder;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [parts, setParts] = useState<{ name: string; quantity: number }[]>([]);
  // REP-1: an order raised at the store belongs to the department whose technicians go out, so
  // that department's supervisor sees it on the board; the ticket's unit when there is none.
  const fieldUnits = useQuery({
    queryKey: [WORKORDERS_KEY, 'field-service-units', ticket.unit.id],
    queryFn: ({ signal }) =>
      get<{ items: { id: string; name: string }[] }>(
        `${WORKORDERS}/field-service-units`,
        { unitId: ticket.unit.id },
        signal,
      ),
    enabled: open,
  });
  const fieldUnit = fieldUnits.data?.items[0];
  useEffect(() => {
    if (open && fieldUnit && form.getFieldValue('unitId') === ticket.unit.id)
      form.setFieldValue('unitId', fieldUnit.id);
  }, [open, fieldUnit, form, ticket.unit.id]);
  const create = useMutation({
    mutationFn: (v: FormValues) =>
      post<WorkOrder>(WORKORDERS, {
        unitId: v.unitId,
        ticketId: ticket.id,
        type: v.type,
        problem: v.problem.trim(),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
        ...(v.contactName?.trim() ? { contactName: v.contactName.trim() } : {}),
        ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
        ...(v.requiredSkill?.trim() ? { requiredSkill: v.requiredSkill.trim() } : {}),
        ...(v.area?.trim() ? { area: v.area.trim() } : {}),
        source: v.source,
        complaintDriven: v.complaintDriven,
        ...(v.orderId ? { orderId: v.orderId } : {}),
        partsNeeded: parts
          .filter((p) => p.name.trim())
          .map((p) => ({ name: p.name.trim(), quantity: p.quantity })),
      }),
    onSuccess: async (wo) => {
      notifySuccess(t('workOrders.create.created', { number: wo.number }));
      await queryClient.invalidateQueries({ queryKey: [WORKORDERS_KEY] });
      onClose();
      void navigate(`/workorders/${wo.id}`);
    },
  });
  return (
    <Modal
      open={open}
      title={t('workOrders.create.title')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => create.mutate(v))}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<FormValues>
        onKeyDown={enterDoesNotSubmit()}
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          unitId: ticket.unit.id,
          type: typeFromTicket(ticket.type),
          problem: [ticket.subject, ticket.description].filter(Boolean).join('\n'),
          address: ticket.address ?? '',
          contactName: ticket.customer?.name ?? '',
          contactPhone: ticket.contactPhone ?? '',
          source: 'after_sales',
          complaintDriven: COMPLAINT_TYPES.includes(ticket.type),
        }}
      >
        <Form.Item
          label={t('workOrders.create.fromTicket', { number: ticket.number })}
          style={{ marginBottom: 8 }}
        />
        {/* Which unit dispatches it: the store's field-service department (安装部) when it has one. */}
        <Form.Item
          name="unitId"
          label={t('workOrders.create.unit')}
          rules={[{ required: true }]}
          extra={fieldUnit && fieldUnit.id !== ticket.unit.id ? t('workOrders.create.unitHint') : undefined}
        >
          <UnitTreeSelect style={{ width: '100%' }} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="type" label={t('workOrders.field.type')} style={{ flex: 1 }}>
            <Select options={WORK_ORDER_TYPES.map((v) => ({ value: v, label: t(`workOrders.type.${v}`) }))} />
          </Form.Item>
          <Form.Item name="source" label={t('workOrders.field.source')} style={{ flex: 1 }}>
            <Select
              options={WORK_ORDER_SOURCES.map((v) => ({ value: v, label: t(`workOrders.source.${v}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="problem"
          label={t('workOrders.field.problem')}
          rules={[{ required: true, whitespace: true, message: t('workOrders.create.problemRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="create-problem" />
        </Form.Item>
        <Form.Item
          name="orderId"
          label={t('workOrders.field.order')}
          extra={ticket.customerId ? t('workOrders.orderLink.hint') : undefined}
        >
          <LinkableOrderSelect customerId={ticket.customerId} data-testid="create-order" />
        </Form.Item>
        <Form.Item name="address" label={t('workOrders.field.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="contactName" label={t('workOrders.field.contact')} style={{ flex: 1 }}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('workOrders.field.phone')} style={{ flex: 1 }}>
            <Input maxLength={30} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="requiredSkill" label={t('workOrders.field.skill')} style={{ flex: 1 }}>
            <Input maxLength={40} data-testid="create-skill" />
          </Form.Item>
          <Form.Item name="area" label={t('workOrders.field.area')} style={{ flex: 1 }}>
            <Input maxLength={60} data-testid="create-area" />
          </Form.Item>
        </Flex>
        <Form.Item label={t('workOrders.field.partsNeeded')}>
          <Flex vertical gap={6}>
            {parts.map((p, i) => (
              <Flex key={i} gap={6}>
                <Input
                  value={p.name}
                  maxLength={100}
                  placeholder={t('workOrders.create.partName')}
                  onChange={(e) =>
                    setParts(parts.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
                  }
                />
                <InputNumber
                  min={1}
                  precision={0}
                  value={p.quantity}
                  onChange={(v) => setParts(parts.map((x, j) => (j === i ? { ...x, quantity: v ?? 1 } : x)))}
                  style={{ width: 90 }}
                />
                <Button icon={<DeleteOutlined />} onClick={() => setParts(parts.filter((_, j) => j !== i))} />
              </Flex>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => setParts([...parts, { name: '', quantity: 1 }])}>
              {t('workOrders.create.addPart')}
            </Button>
          </Flex>
        </Form.Item>
        <Form.Item name="complaintDriven" valuePropName="checked">
          <Checkbox>{t('workOrders.field.complaintDriven')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The ticket page's one entry point: shown on field-service ticket types to holders of workorders.create. */
export function CreateWorkOrderButton({ ticket }: { ticket: TicketForWorkOrder }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (!can(WO_PERM.create) || !FIELD_TICKET_TYPES.includes(ticket.type)) return null;
  return (
    <>
      <Button icon={<ToolOutlined />} onClick={() => setOpen(true)} data-testid="create-workorder">
        {t('workOrders.create.button')}
      </Button>
      <CreateWorkOrderModal ticket={ticket} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
