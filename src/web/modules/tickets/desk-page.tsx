import { Col, Row } from 'antd';
import { DeskQueue } from './desk-queue';
import { IntakePanel } from './intake-panel';

/**
 * 坐席工作台: the screen an agent lives in — the queue on the left, the intake panel on the right.
 * The caller pop-up (IN-3) is mounted by the app header and also fills the intake panel.
 */
export function DeskPage() {
  return (
    <Row gutter={[16, 16]} data-testid="desk-page">
      <Col xs={24} xl={14}>
        <DeskQueue />
      </Col>
      <Col xs={24} xl={10}>
        <IntakePanel />
      </Col>
    </Row>
  );
}
