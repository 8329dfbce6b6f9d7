import { Col, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useT } from '../i18n';
import { MaskedId } from '../registry/MaskedId';
import type { BackgroundCheck, Certificate, StaffMember } from './types';

/** A member's masked ID number, certificates and background checks: the list's expanded row and the detail page. */
export function StaffRecords({ member }: { member: StaffMember }) {
  const t = useT();
  const certificateColumns: TableColumnsType<Certificate> = [
    {
      title: t('staff.certType'),
      dataIndex: 'certificateType',
      key: 'type',
      render: (value: Certificate['certificateType']) => t(`staff.cert.${value}`),
    },
    { title: t('staff.certNumber'), dataIndex: 'number', key: 'number' },
    { title: t('staff.issuer'), dataIndex: 'issuer', key: 'issuer' },
    {
      title: t('staff.validity'),
      key: 'validity',
      render: (_value, certificate) =>
        `${certificate.validFrom} ~ ${certificate.validTo ?? t('staff.noExpiry')}`,
    },
    {
      title: t('registry.status'),
      dataIndex: 'inForce',
      key: 'inForce',
      render: (value: boolean) =>
        value ? <Tag color="green">{t('staff.inForce')}</Tag> : <Tag>{t('staff.notInForce')}</Tag>,
    },
  ];
  const checkColumns: TableColumnsType<BackgroundCheck> = [
    {
      title: t('staff.checkKind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (value: BackgroundCheck['kind']) => t(`staff.check.${value}`),
    },
    {
      title: t('staff.checkResult'),
      dataIndex: 'result',
      key: 'result',
      render: (value: BackgroundCheck['result']) => (
        <Tag color={value === 'passed' ? 'green' : 'red'}>{t(`staff.result.${value}`)}</Tag>
      ),
    },
    { title: t('staff.checkedOn'), dataIndex: 'checkedOn', key: 'checkedOn' },
    {
      title: t('staff.checkValidTo'),
      dataIndex: 'validTo',
      key: 'validTo',
      render: (value: string | null) => value ?? t('staff.noExpiry'),
    },
  ];
  return (
    <Row gutter={[16, 12]}>
      <Col span={24}>
        <Typography.Text type="secondary">{t('people.idNumber')}：</Typography.Text>
        <MaskedId value={member.idNumberMasked} />
      </Col>
      <Col xs={24} xl={13}>
        <Typography.Text strong>{t('staff.certificates')}</Typography.Text>
        <Table<Certificate>
          rowKey="id"
          size="small"
          columns={certificateColumns}
          dataSource={member.certificates}
          pagination={false}
          style={{ marginTop: 8 }}
        />
      </Col>
      <Col xs={24} xl={11}>
        <Typography.Text strong>{t('staff.backgroundChecks')}</Typography.Text>
        <Table<BackgroundCheck>
          rowKey="id"
          size="small"
          columns={checkColumns}
          dataSource={member.backgroundChecks}
          pagination={false}
          style={{ marginTop: 8 }}
        />
      </Col>
    </Row>
  );
}
