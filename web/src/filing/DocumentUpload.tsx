import { CheckCircleFilled, CloseCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Tag, Typography, Upload, type UploadProps } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import {
  DOCUMENT_TYPES,
  MAX_DOCUMENT_BYTES,
  requiredDocuments,
  uploadDocument,
  type DocumentType,
  type FilingDetail,
} from './api';
import { documentContentType, readFileAsBase64 } from './files';

/** Which required documents the filing has and lacks: what stands between a draft and its submission. */
export function DocumentChecklist({ filing }: { filing: FilingDetail }) {
  const t = useT();
  const present = new Set(filing.documents.map((document) => document.type));
  const required = requiredDocuments(filing.domain, filing.kind, filing.fields);
  return (
    <div className="filing-doc-checklist" data-testid="document-checklist">
      {required.map((type) => (
        <Tag
          key={type}
          color={present.has(type) ? 'success' : 'default'}
          icon={present.has(type) ? <CheckCircleFilled /> : <CloseCircleOutlined />}
          data-testid={`required-${type}`}
          data-present={present.has(type)}
        >
          {t(`filing.doc.${type}`)}
        </Tag>
      ))}
    </div>
  );
}

/**
 * Attach a document: choose its type, pick a PDF/JPEG/PNG; the file is read in the browser and sent as base64 with
 * its SHA-256, as the API expects (POST /api/provider/filings/:id/documents).
 */
export function DocumentUpload({ filing, onUploaded }: { filing: FilingDetail; onUploaded: () => void }) {
  const t = useT();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const present = new Set(filing.documents.map((document) => document.type));
  const missing = requiredDocuments(filing.domain, filing.kind, filing.fields).filter(
    (type) => !present.has(type),
  );
  const [type, setType] = useState<DocumentType>(missing[0] ?? 'other');
  const [uploading, setUploading] = useState(false);

  // After an upload, offer the next missing document.
  const firstMissing = missing[0];
  useEffect(() => {
    if (firstMissing) setType(firstMissing);
  }, [firstMissing]);

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    const contentType = documentContentType(file);
    if (!contentType) {
      void message.error(t('filing.documents.badType'));
      options.onError?.(new Error('type'));
      return;
    }
    if (file.size > MAX_DOCUMENT_BYTES) {
      void message.error(t('filing.documents.tooLarge'));
      options.onError?.(new Error('size'));
      return;
    }
    setUploading(true);
    readFileAsBase64(file)
      .then(({ content, sha256 }) =>
        uploadDocument(filing.id, { type, fileName: file.name, contentType, content, sha256 }),
      )
      .then(
        (document) => {
          void message.success(t('filing.documents.uploaded', { name: document.fileName }));
          options.onSuccess?.(document);
          onUploaded();
        },
        (error: unknown) => {
          const text = isApiError(error)
            ? [pick(error.messages), ...error.fields.map((field) => pick(field.message))].join(' ')
            : String(error);
          void message.error(text);
          options.onError?.(error as Error);
        },
      )
      .finally(() => setUploading(false));
  };

  return (
    <Space wrap>
      <Select<DocumentType>
        value={type}
        onChange={setType}
        style={{ width: 220 }}
        data-testid="document-type"
        aria-label={t('filing.documents.type')}
        options={DOCUMENT_TYPES.map((value) => ({
          value,
          label: `${t(`filing.doc.${value}`)}${missing.includes(value) ? ` · ${t('filing.documents.missing')}` : ''}`,
        }))}
      />
      <Upload
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        showUploadList={false}
        customRequest={customRequest}
      >
        <Button icon={<UploadOutlined />} loading={uploading} data-testid="document-upload">
          {t('filing.documents.upload')}
        </Button>
      </Upload>
      <Typography.Text type="secondary">{t('filing.documents.hint')}</Typography.Text>
    </Space>
  );
}
