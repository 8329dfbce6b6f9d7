import { AppError, fieldError, invalidInput, type FieldError } from '../../server/errors.ts';
import type { FilingAction, FilingStatus } from './state-machine.ts';

export const STATUS_ZH: Record<FilingStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  received: '已接收',
  correction_requested: '待补正',
  approved: '已备案',
  rejected: '不予备案',
  withdrawn: '已撤回',
};

export const ACTION_ZH: Record<FilingAction, string> = {
  submit: '提交',
  receive: '接收',
  request_correction: '要求补正',
  resubmit: '重新提交',
  approve: '准予备案',
  reject: '不予备案',
  notify_non_compliance: '告知不符合要求',
  withdraw: '撤回',
};

export const illegalTransition = (status: FilingStatus, action: FilingAction) =>
  new AppError(409, 'filing_illegal_transition', {
    'zh-CN': `备案当前为「${STATUS_ZH[status]}」状态，不能${ACTION_ZH[action]}`,
    'en-US': `A filing that is ${status} cannot take the action ${action}`,
  });

export const reasonsRequired = () =>
  invalidInput([fieldError('body.reasons', '请填写理由，理由将告知提供方', 'Reasons are required')]);

export const notEditable = (status: FilingStatus) =>
  new AppError(409, 'filing_not_editable', {
    'zh-CN': `备案为「${STATUS_ZH[status]}」状态，不能修改`,
    'en-US': `A filing that is ${status} can no longer be changed`,
  });

export const incomplete = (fields: FieldError[]) =>
  new AppError(
    409,
    'filing_incomplete',
    {
      'zh-CN': '备案材料不完整，请补齐标出的内容',
      'en-US': 'The filing is incomplete; see the marked items',
    },
    fields,
  );

export const alreadyFiled = () =>
  new AppError(409, 'facility_already_filed', {
    'zh-CN': '该设施已备案，请提交变更或注销备案',
    'en-US': 'The facility is already filed; file a change or a deregistration instead',
  });

export const notFiled = () =>
  new AppError(409, 'facility_not_filed', {
    'zh-CN': '该设施尚未备案，不能变更或注销',
    'en-US': 'The facility is not filed, so there is nothing to change or deregister',
  });

export const filingInProgress = () =>
  new AppError(409, 'filing_in_progress', {
    'zh-CN': '该设施已有办理中的备案，请先完成或撤回',
    'en-US': 'The facility already has a filing in progress; finish or withdraw it first',
  });
