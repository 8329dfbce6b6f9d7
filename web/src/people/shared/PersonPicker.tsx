import { Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import type { Person, PeoplePage } from '../types';
import { queryString } from './http';

/**
 * Finds a person by name within a region subtree (form control: value / onChange carry the person id). Shows the
 * birth date and masked ID number so that namesakes can be told apart.
 */
export function PersonPicker({
  region,
  value,
  onChange,
  id,
  exclude,
  testId,
}: {
  region: string | null;
  value?: number;
  onChange?: (value: number | undefined) => void;
  id?: string;
  exclude?: number[];
  testId?: string;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Person[]>([]);
  const [loading, setLoading] = useState(false);
  const chosen = useRef<Person | null>(null);

  useEffect(() => {
    if (!region) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setLoading(true);
      api
        .get<PeoplePage>(
          `/api/people${queryString({ region, name: query.trim() || undefined, pageSize: 20 })}`,
          { signal: controller.signal },
        )
        .then(
          (page) => {
            setOptions(page.people);
            setLoading(false);
          },
          () => {
            if (!controller.signal.aborted) setLoading(false);
          },
        );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [region, query]);

  const shown = options.filter((person) => !exclude?.includes(person.id));
  if (chosen.current && chosen.current.id === value && !shown.some((person) => person.id === value)) {
    shown.unshift(chosen.current);
  }

  return (
    <Select<number>
      id={id}
      data-testid={testId}
      showSearch
      allowClear
      value={value}
      placeholder={t('people.pickPerson')}
      filterOption={false}
      onSearch={setQuery}
      loading={loading}
      notFoundContent={loading ? t('app.loading') : t('people.noMatch')}
      onChange={(next) => {
        chosen.current = shown.find((person) => person.id === next) ?? null;
        onChange?.(next);
      }}
      options={shown.map((person) => ({
        value: person.id,
        label: (
          <span>
            {person.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
              {person.birthDate}
              {person.idNumberMasked ? ` · ${person.idNumberMasked}` : ''}
            </Typography.Text>
          </span>
        ),
      }))}
      style={{ width: '100%' }}
    />
  );
}
