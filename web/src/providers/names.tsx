import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useMe } from '../auth/session';
import { useScopedHref } from '../people/shared/links';
import { providerSide, type Facility, type Organisation } from './types';

// Names of organisations and facilities referred to by id in lists, looked up once per id and page load.
const cache = new Map<string, Promise<string | null>>();

function lookup(key: string, load: () => Promise<string | null>): Promise<string | null> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load().catch(() => null);
    cache.set(key, pending);
  }
  return pending;
}

function useName(key: string | null, load: () => Promise<string | null>): string | null {
  const [found, setFound] = useState<{ key: string; name: string | null } | null>(null);
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    void lookup(key, load).then((name) => !cancelled && setFound({ key, name }));
    return () => {
      cancelled = true;
    };
    // `load` is derived from `key`.
  }, [key]);
  return found?.key === key ? found.name : null;
}

export function OrganisationName({ id, link = true }: { id: number | null; link?: boolean }) {
  const me = useMe();
  const href = useScopedHref();
  const { government, prefix } = providerSide(me);
  const name = useName(id === null ? null : `${prefix}/organisations/${id}`, async () => {
    if (government) return (await api.get<Organisation>(`/api/organisations/${id}`)).name;
    const { organisations } = await api.get<{ organisations: Organisation[] }>('/api/provider/organisations');
    return organisations.find((organisation) => organisation.id === id)?.name ?? null;
  });
  if (id === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = name ?? `#${id}`;
  return link ? <Link to={href(`/providers/organisations/${id}`)}>{text}</Link> : <>{text}</>;
}

export function FacilityName({ id, link = true }: { id: number | null; link?: boolean }) {
  const me = useMe();
  const href = useScopedHref();
  const { prefix } = providerSide(me);
  const name = useName(
    id === null ? null : `${prefix}/facilities/${id}`,
    async () => (await api.get<Facility>(`${prefix}/facilities/${id}`)).name,
  );
  if (id === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = name ?? `#${id}`;
  return link ? <Link to={href(`/providers/facilities/${id}`)}>{text}</Link> : <>{text}</>;
}
