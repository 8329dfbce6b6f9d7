import { App, Form } from 'antd';
import { useState } from 'react';
import { useLocale } from '../i18n';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';

/**
 * A modal form that sends to the API: the inputs' own rules first, then the server's field errors on the inputs they
 * name (the rest above the form), a success message, and `onDone(true)` once the change is stored.
 */
export function useModalForm<T extends object>(
  send: (values: T) => Promise<unknown>,
  onDone: (changed: boolean) => void,
  successText: string,
) {
  const [form] = Form.useForm<T>();
  const { pick } = useLocale();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<UnplacedErrors | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submit = async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      await send(values);
      void message.success(successText);
      onDone(true);
    } catch (caught) {
      setFailure(applyServerErrors(form, caught, pick));
    } finally {
      setSubmitting(false);
    }
  };
  return { form, failure, clearFailure: () => setFailure(null), submitting, submit };
}
