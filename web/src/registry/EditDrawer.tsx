import { App, Button, Drawer, Form, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { FormErrorAlert } from '../people/shared/ErrorAlert';
import { useFormSubmit } from './useModalForm';

/**
 * A drawer that edits a registry record: Cancel and Save above, a hint, the form starting from the record's values.
 * Save validates the inputs, then sends only the changed fields (nothing changed: a note, and the drawer closes);
 * the server's field errors land on the inputs. `onClose` gets the saved record, or null when nothing was saved.
 * Test ids: `<testId>-edit` (the drawer) and `<testId>-save`.
 */
export function EditDrawer<Values extends object, Saved>({
  testId,
  title,
  width,
  hint,
  initialValues,
  changes,
  save,
  savedText,
  onClose,
  children,
}: {
  testId: string;
  title: ReactNode;
  width: number;
  hint: ReactNode;
  initialValues: Partial<Values>;
  /** The fields the user changed, as the API takes them; empty when nothing changed. */
  changes: (values: Values) => Record<string, unknown>;
  save: (patch: Record<string, unknown>) => Promise<Saved>;
  savedText: (saved: Saved) => string;
  onClose: (saved: Saved | null) => void;
  /** The form's items. */
  children: ReactNode;
}) {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, clearFailure, submitting, run } = useFormSubmit<Values>();

  const submit = async (values: Values) => {
    const patch = changes(values);
    if (Object.keys(patch).length === 0) {
      void message.info(t('providers.nothingChanged'));
      onClose(null);
      return;
    }
    await run(async () => {
      const saved = await save(patch);
      void message.success(savedText(saved));
      onClose(saved);
    });
  };

  return (
    <Drawer
      open
      width={width}
      title={title}
      onClose={() => onClose(null)}
      destroyOnHidden
      data-testid={`${testId}-edit`}
      extra={
        <Space>
          <Button onClick={() => onClose(null)}>{t('registry.cancel')}</Button>
          <Button
            type="primary"
            loading={submitting}
            onClick={() => form.submit()}
            data-testid={`${testId}-save`}
          >
            {t('registry.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <FormErrorAlert value={failure} onClose={clearFailure} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
        onValuesChange={clearFailure}
      >
        {children}
      </Form>
    </Drawer>
  );
}
