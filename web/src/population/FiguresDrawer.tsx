import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useLocale, useT } from '../i18n';
import { FormErrorAlert } from '../people/shared/ErrorAlert';
import { applyServerErrors, type UnplacedErrors } from '../people/shared/formErrors';
import { queryString, write } from '../people/shared/http';
import { useApi } from '../people/shared/useApi';
import {
  BASES,
  compareKinds,
  MAX_AGE,
  MAX_NOTE_LENGTH,
  SEXES,
  SOURCES,
  type Basis,
  type FiguresAnswer,
  type PopulationSex,
  type PutAnswer,
  type Source,
} from './types';

interface FigureRow {
  basis: Basis;
  sex: PopulationSex;
  ageFrom: number | null;
  ageTo: number | null;
  count: number | null;
  source: Source;
  note?: string | null;
  /** Stored already: what it counts is fixed (the API replaces by key and deletes nothing), only count and note change. */
  saved?: boolean;
}

interface Values {
  figures: FigureRow[];
}

/** The figures most plans divide by: all ages, 60+, 65+, 80+ and under 3. */
const COMMON_RANGES: [number, number | null][] = [
  [0, null],
  [60, null],
  [65, null],
  [80, null],
  [0, 2],
];

const rowKey = (row: FigureRow) => `${row.basis}|${row.sex}|${row.source}|${row.ageFrom}|${row.ageTo ?? '+'}`;

/**
 * The batch form of one region's figures for a year: existing figures prefilled, rows added or changed, stored with
 * one PUT (figures with the same key are replaced). The server's field errors land on the cells of their rows.
 */
export function FiguresDrawer({
  regions,
  year,
  basis,
  onClose,
}: {
  regions: { code: string; name: string }[];
  year: number;
  basis: Basis;
  onClose: (saved: boolean) => void;
}) {
  const t = useT();
  const { pick } = useLocale();
  const { message, notification } = App.useApp();
  const [regionCode, setRegionCode] = useState(regions[0].code);
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<UnplacedErrors | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const existing = useApi<FiguresAnswer>(
    `/api/population/figures${queryString({ region: regionCode, year })}`,
  );
  const ready = existing.data?.regionCode === regionCode && !existing.loading;
  const defaultSource: Source = year === 2020 ? 'census_2020' : 'yearly_statistics';

  useEffect(() => {
    if (!ready || !existing.data) return;
    const rows: FigureRow[] = [...existing.data.figures]
      .sort((a, b) => BASES.indexOf(a.basis) - BASES.indexOf(b.basis) || compareKinds(a, b))
      .map((figure) => ({
        basis: figure.basis,
        sex: figure.sex,
        ageFrom: figure.ageFrom,
        ageTo: figure.ageTo,
        count: figure.count,
        source: figure.source,
        note: figure.note,
        saved: true,
      }));
    form.setFieldsValue({
      figures:
        rows.length > 0
          ? rows
          : COMMON_RANGES.map(([ageFrom, ageTo]) => ({
              basis,
              sex: 'total',
              ageFrom,
              ageTo,
              count: null,
              source: defaultSource,
            })),
    });
    setFailure(null);
  }, [ready, existing.data, form, basis, defaultSource]);

  const addCommon = () => {
    const rows = form.getFieldValue('figures') as FigureRow[];
    const keys = new Set(rows.map(rowKey));
    const added = COMMON_RANGES.map(
      ([ageFrom, ageTo]): FigureRow => ({
        basis,
        sex: 'total',
        ageFrom,
        ageTo,
        count: null,
        source: defaultSource,
      }),
    ).filter((row) => !keys.has(rowKey(row)));
    form.setFieldsValue({ figures: [...rows, ...added] });
  };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const answer = await write.put<PutAnswer>('/api/population/figures', {
        regionCode,
        year,
        figures: values.figures.map((row) => ({
          basis: row.basis,
          sex: row.sex,
          ageFrom: row.ageFrom,
          ageTo: row.ageTo ?? null,
          count: row.count,
          source: row.source,
          note: row.note?.trim() ? row.note.trim() : null,
        })),
      });
      void message.success(t('population.savedCounts', { created: answer.created, updated: answer.updated }));
      if (answer.warnings.length > 0) {
        notification.warning({
          message: t('population.savedWithWarnings', { count: answer.warnings.length }),
          description: (
            <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
              {answer.warnings.slice(0, 5).map((warning, index) => (
                <li key={index}>{pick(warning.message)}</li>
              ))}
            </ul>
          ),
          duration: 8,
        });
      }
      onClose(true);
    } catch (caught) {
      setFailure(applyServerErrors(form, caught, pick));
    } finally {
      setSubmitting(false);
    }
  };

  const duplicateRule = (index: number) => ({
    validator: async () => {
      const rows = (form.getFieldValue('figures') as FigureRow[]) ?? [];
      const key = rowKey(rows[index]);
      const first = rows.findIndex((row) => rowKey(row) === key);
      if (first !== index) throw new Error(t('population.rule.duplicate', { row: first + 1 }));
    },
  });

  return (
    <Drawer
      open
      width="min(64rem, 100vw)"
      title={t('population.editTitle', { year })}
      onClose={() => onClose(false)}
      destroyOnHidden
      data-testid="population-drawer"
      extra={
        <Space>
          <Button onClick={() => onClose(false)}>{t('registry.cancel')}</Button>
          <Button
            type="primary"
            loading={submitting}
            onClick={() => void submit()}
            disabled={!ready}
            data-testid="population-save"
          >
            {t('registry.save')}
          </Button>
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text>{t('population.editRegion')}</Typography.Text>
        <Select
          value={regionCode}
          onChange={setRegionCode}
          options={regions.map((region) => ({ value: region.code, label: region.name }))}
          style={{ minWidth: '12rem' }}
          data-testid="population-edit-region"
        />
        <Typography.Text type="secondary">{t('population.editHint')}</Typography.Text>
      </Space>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('population.editWarningsNote')} />
      <FormErrorAlert value={failure} onClose={() => setFailure(null)} />
      {!ready ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Form form={form} component={false} onValuesChange={() => failure && setFailure(null)}>
          <div className="population-figure-row population-figure-head">
            <span>{t('population.basis')}</span>
            <span>{t('population.sex')}</span>
            <span>{t('population.ageFrom')}</span>
            <span>{t('population.ageTo')}</span>
            <span>{t('population.count')}</span>
            <span>{t('population.source')}</span>
            <span>{t('population.note')}</span>
            <span />
          </div>
          <Form.List name="figures">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => {
                  const saved = !!(form.getFieldValue(['figures', field.name, 'saved']) as
                    | boolean
                    | undefined);
                  return (
                    <div
                      key={field.key}
                      className="population-figure-row"
                      data-testid={`figure-row-${index}`}
                    >
                      <Form.Item
                        name={[field.name, 'basis']}
                        rules={[{ required: true, message: t('registry.rule.required') }]}
                      >
                        <Select
                          disabled={saved}
                          options={BASES.map((value) => ({ value, label: t(`population.basis.${value}`) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'sex']}
                        rules={[{ required: true, message: t('registry.rule.required') }]}
                      >
                        <Select
                          disabled={saved}
                          options={SEXES.map((value) => ({ value, label: t(`population.sex.${value}`) }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'ageFrom']}
                        rules={[
                          { required: true, message: t('registry.rule.required') },
                          {
                            type: 'integer',
                            min: 0,
                            max: MAX_AGE,
                            message: t('population.rule.age', { max: MAX_AGE }),
                          },
                        ]}
                      >
                        <InputNumber
                          disabled={saved}
                          min={0}
                          max={MAX_AGE}
                          precision={0}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'ageTo']}
                        dependencies={[['figures', field.name, 'ageFrom']]}
                        rules={[
                          {
                            type: 'integer',
                            min: 0,
                            max: MAX_AGE,
                            message: t('population.rule.age', { max: MAX_AGE }),
                          },
                          {
                            validator: async (_rule, value: number | null | undefined) => {
                              const from = form.getFieldValue(['figures', field.name, 'ageFrom']) as
                                | number
                                | null;
                              if (
                                value !== null &&
                                value !== undefined &&
                                from !== null &&
                                from !== undefined &&
                                value < from
                              ) {
                                throw new Error(t('population.rule.ageOrder'));
                              }
                            },
                          },
                        ]}
                      >
                        <InputNumber
                          disabled={saved}
                          min={0}
                          max={MAX_AGE}
                          precision={0}
                          placeholder={t('population.andOver')}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'count']}
                        dependencies={[
                          ['figures', field.name, 'basis'],
                          ['figures', field.name, 'sex'],
                          ['figures', field.name, 'ageFrom'],
                          ['figures', field.name, 'ageTo'],
                          ['figures', field.name, 'source'],
                        ]}
                        rules={[
                          { required: true, message: t('population.rule.countRequired') },
                          { type: 'integer', min: 0, message: t('population.rule.count') },
                          duplicateRule(field.name),
                        ]}
                      >
                        <InputNumber<number>
                          min={0}
                          precision={0}
                          style={{ width: '100%' }}
                          formatter={(value) =>
                            value === undefined || value === null
                              ? ''
                              : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
                          }
                          // The digits as a string: an emptied input stays empty instead of becoming 0.
                          parser={(text) => (text ?? '').replace(/[,\s]/g, '') as unknown as number}
                          data-testid={`figure-count-${index}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'source']}
                        rules={[
                          { required: true, message: t('registry.rule.required') },
                          {
                            validator: async (_rule, value: Source) => {
                              if (value === 'census_2020' && year !== 2020)
                                throw new Error(t('population.rule.census'));
                            },
                          },
                        ]}
                      >
                        <Select
                          disabled={saved}
                          options={SOURCES.map((value) => ({
                            value,
                            label: t(`population.source.${value}`),
                          }))}
                          popupMatchSelectWidth={false}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'note']}
                        rules={[
                          { max: MAX_NOTE_LENGTH, message: t('registry.rule.max', { max: MAX_NOTE_LENGTH }) },
                        ]}
                      >
                        <Input placeholder={t('registry.optional')} />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        disabled={saved}
                        onClick={() => remove(field.name)}
                        aria-label={t('population.removeRow')}
                        title={saved ? t('population.savedRowHint') : t('population.removeRow')}
                      />
                    </div>
                  );
                })}
                <Space style={{ marginTop: 12 }}>
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() =>
                      add({
                        basis,
                        sex: 'total',
                        ageFrom: null,
                        ageTo: null,
                        count: null,
                        source: defaultSource,
                      })
                    }
                  >
                    {t('population.addRow')}
                  </Button>
                  <Button onClick={addCommon}>{t('population.addCommon')}</Button>
                </Space>
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  );
}
