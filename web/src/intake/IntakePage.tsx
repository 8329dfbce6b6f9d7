import {
  CheckCircleFilled,
  CloseCircleFilled,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Progress,
  Radio,
  Result,
  Row,
  Skeleton,
  Space,
  Steps,
  Table,
  Typography,
  Upload,
  type UploadProps,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { useMe } from '../auth/session';
import { useLocale, useT, type MessageKey } from '../i18n';
import { RegionName } from '../people/shared/regionNames';
import { useSelectedRegion } from '../regions/scope';
import {
  fetchJob,
  fetchKinds,
  fetchResultRows,
  FINISHED,
  INTAKE_KIND_KEYS,
  resultPath,
  templatePath,
  uploadContentType,
  uploadFile,
  type IntakeJob,
  type IntakeKindInfo,
  type IntakeKindKey,
  type RowProblem,
} from './api';
import { downloadFile } from './download';
import { ExportButton } from './ExportButton';
import { mayExport } from '../../../src/domains/intake/export-lists';
import './intake.css';

const POLL_MS = 600;
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The kind's name in the current language (the server's Chinese title for a kind the console does not know). */
function useKindLabel() {
  const t = useT();
  return (kind: IntakeKindInfo | undefined) =>
    kind && (INTAKE_KIND_KEYS as readonly string[]).includes(kind.key)
      ? t(`intake.kind.${kind.key}` as MessageKey)
      : (kind?.title ?? '');
}

/** Follows a job until it is finished, polling its progress. */
function useJob(id: number | null): { job: IntakeJob | null; error: Error | null } {
  const [state, setState] = useState<{ id: number | null; job: IntakeJob | null; error: Error | null }>({
    id: null,
    job: null,
    error: null,
  });
  useEffect(() => {
    if (id === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const poll = () => {
      fetchJob(id, controller.signal).then(
        (job) => {
          if (stopped) return;
          setState({ id, job, error: null });
          if (!FINISHED.has(job.status)) timer = setTimeout(poll, POLL_MS);
        },
        (error: unknown) => {
          if (stopped) return;
          setState((prev) => ({ ...prev, id, error: error as Error }));
          timer = setTimeout(poll, POLL_MS * 3);
        },
      );
    };
    poll();
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id]);
  return state.id === id ? { job: state.job, error: state.error } : { job: null, error: null };
}

/** The bad rows of a rejected upload, read from its result file once it is there. */
function useResultRows(job: IntakeJob | null): { rows: RowProblem[] | null; error: Error | null } {
  const [state, setState] = useState<{ rows: RowProblem[] | null; error: Error | null }>({
    rows: null,
    error: null,
  });
  const ready = job?.status === 'rejected' && job.resultAvailable ? job.id : null;
  useEffect(() => {
    if (ready === null) return;
    const controller = new AbortController();
    fetchResultRows(ready, controller.signal).then(
      (rows) => setState({ rows, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ rows: null, error: error as Error });
      },
    );
    return () => controller.abort();
  }, [ready]);
  return state;
}

function JobResult({
  jobId,
  kind,
  onAgain,
}: {
  jobId: number;
  kind: IntakeKindInfo | undefined;
  onAgain: () => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const { job, error } = useJob(jobId);
  const result = useResultRows(job);
  const [downloading, setDownloading] = useState(false);

  const downloadResult = async () => {
    setDownloading(true);
    try {
      await downloadFile(resultPath(jobId), `result-${jobId}.xlsx`);
    } catch (err) {
      void message.error(isApiError(err) ? pick(err.messages) : String(err));
    } finally {
      setDownloading(false);
    }
  };

  if (!job) {
    return error ? (
      <Alert type="error" showIcon message={isApiError(error) ? pick(error.messages) : error.message} />
    ) : (
      <Skeleton active paragraph={{ rows: 2 }} />
    );
  }

  const counts = (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, md: 3, lg: 5 }}
      data-testid="intake-counts"
      items={[
        {
          key: 'read',
          label: t('intake.count.read'),
          children: <b data-count={job.rowsRead}>{job.rowsRead}</b>,
        },
        { key: 'bad', label: t('intake.count.bad'), children: <b data-count={job.rowsBad}>{job.rowsBad}</b> },
        { key: 'created', label: t('intake.count.created'), children: job.rowsCreated },
        { key: 'updated', label: t('intake.count.updated'), children: job.rowsUpdated },
        { key: 'unchanged', label: t('intake.count.unchanged'), children: job.rowsUnchanged },
      ]}
    />
  );

  if (!FINISHED.has(job.status)) {
    return (
      <div data-testid="intake-progress" data-status={job.status}>
        <Typography.Paragraph>
          {t(`intake.status.${job.status}`)} · {t('intake.rowsSoFar', { rows: job.rowsRead })}
        </Typography.Paragraph>
        <Progress percent={Math.round(job.progress * 100)} status="active" />
      </div>
    );
  }

  const resultButton = (
    <Button
      key="result"
      icon={<FileExcelOutlined />}
      onClick={() => void downloadResult()}
      loading={downloading}
      data-testid="intake-result-download"
    >
      {t('intake.downloadResult')}
    </Button>
  );
  const again = (
    <Button key="again" type="primary" icon={<ReloadOutlined />} onClick={onAgain} data-testid="intake-again">
      {t('intake.uploadAgain')}
    </Button>
  );

  if (job.status === 'done') {
    return (
      <div data-testid="intake-result" data-status="done">
        <Result
          status="success"
          icon={<CheckCircleFilled />}
          style={{ paddingBlock: 16 }}
          title={t('intake.done.title', { rows: job.rowsRead })}
          subTitle={t('intake.done.detail', {
            created: job.rowsCreated,
            updated: job.rowsUpdated,
            unchanged: job.rowsUnchanged,
          })}
          extra={[
            <Button
              key="another"
              type="primary"
              icon={<ReloadOutlined />}
              onClick={onAgain}
              data-testid="intake-again"
            >
              {t('intake.uploadAnother')}
            </Button>,
          ]}
        />
        {counts}
      </div>
    );
  }

  if (job.status === 'failed') {
    return (
      <div data-testid="intake-result" data-status="failed">
        <Result
          status="error"
          style={{ paddingBlock: 16 }}
          title={t('intake.failed.title')}
          subTitle={job.message ? pick(job.message) : t('intake.failed.detail')}
          extra={[again]}
        />
      </div>
    );
  }

  const problems = result.rows ?? [];
  return (
    <div data-testid="intake-result" data-status="rejected">
      <Alert
        type="error"
        showIcon
        icon={<CloseCircleFilled />}
        style={{ marginBottom: 16 }}
        message={<b>{t('intake.rejected.title', { bad: job.rowsBad, rows: job.rowsRead })}</b>}
        description={
          <>
            <div>{t('intake.rejected.detail')}</div>
            <Space wrap style={{ marginTop: 12 }}>
              {job.resultAvailable && resultButton}
              {again}
            </Space>
          </>
        }
      />
      {counts}
      {result.error && (
        <Alert type="warning" showIcon style={{ marginTop: 16 }} message={t('intake.problem.unreadable')} />
      )}
      {problems.length > 0 && (
        <Table<RowProblem>
          size="small"
          rowKey="row"
          style={{ marginTop: 16 }}
          data-testid="intake-problems"
          dataSource={problems}
          pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          columns={[
            { title: t('intake.problem.row'), dataIndex: 'row', width: 80 },
            ...(kind?.columns[0]
              ? [{ title: kind.columns[0].header, dataIndex: 'label', width: 140, ellipsis: true }]
              : []),
            {
              title: t('intake.problem.reasons'),
              dataIndex: 'reasons',
              render: (reasons: string[]) => (
                <Typography.Text type="danger" lang="zh-CN">
                  {reasons.join('；')}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
      {job.rowsBad > problems.length && problems.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('intake.problem.more', { shown: problems.length, total: job.rowsBad })}
        </Typography.Paragraph>
      )}
    </div>
  );
}

/** 导出: the registers of the selected region as Excel, for those who may export them. */
function ExportCard() {
  const t = useT();
  const me = useMe();
  const { code: region } = useSelectedRegion();
  const people = mayExport(me.permissions, 'government', 'people');
  const population = mayExport(me.permissions, 'government', 'population');
  if (!region || (!people && !population)) return null;
  return (
    <Card
      size="small"
      title={t('intake.exportTitle')}
      extra={
        <Typography.Text type="secondary">
          <RegionName code={region} />
        </Typography.Text>
      }
      data-testid="intake-exports"
    >
      <Space wrap>
        {people && (
          <ExportButton
            path="/api/export/people.xlsx"
            params={{ region }}
            label={t('intake.exportPeople')}
            data-testid="export-people"
          />
        )}
        {population && (
          <ExportButton
            path="/api/export/population-figures.xlsx"
            params={{ region, children: 'true' }}
            label={t('intake.exportPopulation')}
            data-testid="export-population"
          />
        )}
        <Typography.Text type="secondary">{t('intake.exportHint')}</Typography.Text>
      </Space>
    </Card>
  );
}

/** 数据导入: choose what to import, download its template, upload the filled file, follow it to its result. */
export default function IntakePage() {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const kindLabel = useKindLabel();
  const [kinds, setKinds] = useState<IntakeKindInfo[] | null>(null);
  const [kindsError, setKindsError] = useState<Error | null>(null);
  const [kind, setKind] = useState<IntakeKindKey | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<Error | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const resultRef = useRef<HTMLDivElement>(null);

  // A new upload's result is what the clerk waits for: bring it into view.
  useEffect(() => {
    if (jobId !== null) resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [jobId]);

  useEffect(() => {
    const controller = new AbortController();
    fetchKinds(controller.signal).then(
      (answer) => {
        setKinds(answer.kinds);
        setKind((current) => current ?? answer.kinds[0]?.key ?? null);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setKindsError(error as Error);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const current = kinds?.find((item) => item.key === kind);

  const downloadTemplate = async () => {
    if (!kind) return;
    setDownloading(true);
    try {
      await downloadFile(templatePath(kind), `${kindLabel(current)}模板.xlsx`);
    } catch (error) {
      void message.error(isApiError(error) ? pick(error.messages) : String(error));
    } finally {
      setDownloading(false);
    }
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    const contentType = uploadContentType(file);
    if (!kind) return;
    if (!contentType) {
      void message.error(t('intake.badFileType'));
      options.onError?.(new Error('type'));
      return;
    }
    setUploading(true);
    setUploadError(null);
    setJobId(null);
    setFileName(file.name);
    uploadFile(kind, file, contentType)
      .then(
        (job) => {
          setJobId(job.id);
          options.onSuccess?.(job);
        },
        (error: unknown) => {
          setUploadError(error as Error);
          options.onError?.(error as Error);
        },
      )
      .finally(() => setUploading(false));
  };

  if (kindsError && !kinds) {
    return (
      <Result
        status={isApiError(kindsError) && kindsError.status === 403 ? '403' : 'warning'}
        title={t('app.loadFailed')}
        subTitle={isApiError(kindsError) ? pick(kindsError.messages) : kindsError.message}
        extra={
          <Button
            onClick={() => {
              setKindsError(null);
              setAttempt((n) => n + 1);
            }}
          >
            {t('app.retry')}
          </Button>
        }
      />
    );
  }

  const step = jobId !== null ? 3 : 1;

  return (
    <div data-testid="intake-page">
      <div className="intake-header">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('intake.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('intake.subtitle')}</Typography.Text>
      </div>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('intake.step.choose') },
          { title: t('intake.step.fill') },
          { title: t('intake.step.upload') },
          { title: t('intake.step.result') },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('intake.chooseTitle')} style={{ marginBottom: 16 }}>
            {!kinds ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : kinds.length === 0 ? (
              <Typography.Text type="secondary">{t('intake.noKinds')}</Typography.Text>
            ) : (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <Radio.Group
                  value={kind}
                  onChange={(event) => {
                    setKind(event.target.value as IntakeKindKey);
                    setJobId(null);
                    setUploadError(null);
                  }}
                  optionType="button"
                  buttonStyle="solid"
                  data-testid="intake-kind"
                  options={kinds.map((item) => ({ value: item.key, label: kindLabel(item) }))}
                />
                {kind && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {t(`intake.kindHint.${kind}` as MessageKey)}
                  </Typography.Paragraph>
                )}
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => void downloadTemplate()}
                  loading={downloading}
                  disabled={!kind}
                  data-testid="intake-template"
                >
                  {t('intake.downloadTemplate', { kind: kindLabel(current) })}
                </Button>
                <ul className="intake-rules">
                  <li>{t('intake.rule.header')}</li>
                  <li>{t('intake.rule.text')}</li>
                  <li>{t('intake.rule.allOrNothing')}</li>
                  <li>{t('intake.rule.idempotent')}</li>
                </ul>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('intake.uploadTitle')} style={{ marginBottom: 16 }}>
            <div data-testid="intake-upload">
              {jobId === null ? (
                <Upload.Dragger
                  accept={ACCEPT}
                  multiple={false}
                  showUploadList={false}
                  customRequest={customRequest}
                  disabled={!kind || uploading}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">
                    {uploading ? t('intake.uploading') : t('intake.drop', { kind: kindLabel(current) })}
                  </p>
                  <p className="ant-upload-hint">{t('intake.dropHint')}</p>
                </Upload.Dragger>
              ) : (
                <Space wrap>
                  <Typography.Text>
                    <FileExcelOutlined /> {fileName}
                  </Typography.Text>
                  <Upload
                    accept={ACCEPT}
                    multiple={false}
                    showUploadList={false}
                    customRequest={customRequest}
                    disabled={!kind || uploading}
                  >
                    <Button icon={<UploadOutlined />} loading={uploading}>
                      {t('intake.chooseAnother')}
                    </Button>
                  </Upload>
                </Space>
              )}
            </div>
            {uploadError && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 16 }}
                data-testid="intake-upload-error"
                message={isApiError(uploadError) ? pick(uploadError.messages) : uploadError.message}
                description={
                  isApiError(uploadError) && uploadError.fields.length > 0
                    ? uploadError.fields.map((field) => pick(field.message)).join('；')
                    : undefined
                }
              />
            )}
          </Card>
          {jobId !== null && (
            <Card ref={resultRef} size="small" title={t('intake.resultTitle')} style={{ marginBottom: 16 }}>
              <JobResult key={jobId} jobId={jobId} kind={current} onAgain={() => setJobId(null)} />
            </Card>
          )}
        </Col>
      </Row>
      <ExportCard />
    </div>
  );
}
