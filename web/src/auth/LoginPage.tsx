import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, isApiError } from '../api/client';
import { LanguageSwitch, useLocale, useT } from '../i18n';
import { AppLogo } from '../layout/AppLogo';
import './login.css';
import { useSession } from './session';

interface LoginValues {
  username: string;
  password: string;
}

/** Only allow same-origin relative paths as the post-login destination. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export default function LoginPage() {
  const t = useT();
  const { pick } = useLocale();
  const { state, login } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const next = safeNext(searchParams.get('next'));

  if (state.status === 'authenticated') return <Navigate to={next} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (err) {
      const apiError = isApiError(err)
        ? err
        : new ApiError({
            code: 'unexpected',
            status: 0,
            messages: { 'zh-CN': String(err), 'en-US': String(err) },
          });
      setError(apiError);
      const fieldErrors = apiError.fields.filter((f) => f.path === 'username' || f.path === 'password');
      if (fieldErrors.length > 0) {
        form.setFields(
          fieldErrors.map((f) => ({ name: f.path as keyof LoginValues, errors: [pick(f.message)] })),
        );
      }
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-topbar">
        <LanguageSwitch type="text" />
      </div>
      <div className="login-body">
        <section className="login-brand" aria-hidden="false">
          <AppLogo size={56} />
          <h1 className="login-title" data-testid="login-title">
            {t('app.title')}
          </h1>
          <p className="login-tagline">{t('app.tagline')}</p>
          <ul className="login-domains">
            <li className="login-domain login-domain-elderly">{t('domain.elderly_care')}</li>
            <li className="login-domain login-domain-child">{t('domain.childcare')}</li>
            <li className="login-domain login-domain-plan">{t('domain.planning')}</li>
          </ul>
        </section>
        <Card className="login-card" variant="borderless">
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('login.heading')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('login.description')}
          </Typography.Paragraph>
          {error && (
            <Alert
              type="error"
              showIcon
              data-testid="login-error"
              data-error-code={error.code}
              message={pick(error.messages)}
              style={{ marginBottom: 20 }}
            />
          )}
          <Form<LoginValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void onFinish(values)}
            data-testid="login-form"
            autoComplete="on"
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                size="large"
                prefix={<UserOutlined />}
                placeholder={t('login.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                size="large"
                prefix={<LockOutlined />}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0, marginTop: 8 }}>
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                block
                loading={submitting}
                data-testid="login-submit"
              >
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <div style={{ marginTop: 20, textAlign: 'center' }}>
            <Link to="/public/filings" data-testid="login-public-filings">
              {t('public.linkFromLogin')}
            </Link>
          </div>
        </Card>
      </div>
      <footer className="login-footer">{t('login.footer')}</footer>
    </div>
  );
}
