import { Col, DatePicker, Form, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * 开始日期 / 结束日期 of a record valid for a period ([from, to), an empty end meaning open-ended): the end, when
 * given, must come after the start — the rule the API applies to conditions and capacity alike.
 */
export function ValidityPeriodFields({
  fromLabel,
  toLabel,
  toHint,
  openEndedText,
  span = 12,
  children,
}: {
  fromLabel: ReactNode;
  toLabel: ReactNode;
  toHint?: ReactNode;
  openEndedText: string;
  span?: number;
  /** More columns of the same row (e.g. the operating status beside a capacity period). */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Row gutter={12}>
      <Col span={span}>
        <Form.Item
          name="validFrom"
          label={fromLabel}
          rules={[{ required: true, message: t('registry.rule.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={span}>
        <Form.Item
          name="validTo"
          label={toLabel}
          tooltip={toHint}
          dependencies={['validFrom']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value?: Dayjs | null) => {
                const from = getFieldValue('validFrom') as Dayjs | undefined;
                if (value && from && !value.isAfter(from, 'day'))
                  throw new Error(t('people.rule.endAfterStart'));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} placeholder={openEndedText} />
        </Form.Item>
      </Col>
      {children}
    </Row>
  );
}
