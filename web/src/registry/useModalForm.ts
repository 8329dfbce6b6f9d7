import { App, Form } from 'antd';
import { useState } from 'react';
import { useLocale } from '../i18n';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';

/**
 * The plumbing of a form that sends to the API: the form, and `run(send)` that marks the form as submitting while
 * `send` runs and puts the server's field errors on the inputs they name (the rest in `failure`, for above the form).
 */
export function useFormSubmit<T extends object>() {
  const [form] = Form.useForm<T>();
  const { pick } = useLocale();
  const [failure, setFailure] = useState<UnplacedErrors | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const run = async (send: () => Promise<void>) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await send();
    } catch (caught) {
      setFailure(applyServerErrors(form, caught, pick));
    } finally {
      setSubmitting(false);
    }
  };
  return { form, failure, clearFailure: () => setFailure(null), submitting, run };
}

/**
 * A modal form that sends to the API: the inputs' own rules first, then the server's field errors on the inputs they
 * name (the rest above the form), a success message, and `onDone(true)` once the change is stored.
 */
export function useModalForm<T extends object>(
  send: (values: T) => Promise<unknown>,
  onDone: (changed: boolean) => void,
  successText: string,
) {
  const { message } = App.useApp();
  const { run, ...plumbing } = useFormSubmit<T>();
  const submit = async () => {
    let values: T;
    try {
      values = await plumbing.form.validateFields();
    } catch {
      return;
    }
    await run(async () => {
      await send(values);
      void message.success(successText);
      onDone(true);
    });
  };
  return { ...plumbing, submit };
}
