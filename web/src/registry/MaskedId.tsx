import { Typography } from 'antd';

/**
 * An ID number (or certificate number) as the server sent it, already masked; a dash when there is none. The console
 * never unmasks on its own: a full number is only ever shown after its own audited request.
 */
export function MaskedId({ value, testId }: { value: string | null | undefined; testId?: string }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span className="registry-id" data-testid={testId}>
      {value}
    </span>
  );
}
