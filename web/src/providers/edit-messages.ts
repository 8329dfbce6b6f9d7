/** The organisation and staff edit drawers. */
export const zh = {
  'providers.editOrganisation': '编辑机构信息',
  'providers.editContactsHint':
    '机构可修改法定代表人、联系人和地址；名称、代码、区划等登记信息由主管部门修改。',
  'providers.editHistoryHint': '保存后，修改的字段记入“变更记录”。',
  'providers.organisationSaved': '已保存“{name}”',
  'providers.nothingChanged': '没有修改任何字段',
  'providers.rule.name': '机构名称须为 1–200 个字符',
  'providers.rule.uscc': '统一社会信用代码须为 1–32 个字符',
  'providers.rule.personName': '姓名须为 1–100 个字符',
  'providers.rule.phone': '联系电话只能包含数字、空格、+、-和括号（5–30位）',
  'providers.rule.address': '地址须为 1–300 个字符',
  'staff.edit': '编辑人员信息',
  'staff.saved': '已保存“{name}”',
  'staff.noFacility': '不在具体设施（机构本部）',
  'staff.rule.name': '姓名须为 1–100 个字符',
  'staff.rule.date': '请填写有效日期',
  'staff.rule.leavingBeforeStart': '离职日期不能早于入职日期',
};

export const en: Record<keyof typeof zh, string> = {
  'providers.editOrganisation': 'Edit organisation',
  'providers.editContactsHint':
    'A provider may change its legal representative, contacts and address; the name, credit code and region are changed by the supervising department.',
  'providers.editHistoryHint': 'The fields you change are recorded in the change history.',
  'providers.organisationSaved': 'Saved “{name}”',
  'providers.nothingChanged': 'No field was changed',
  'providers.rule.name': 'The name must have 1–200 characters',
  'providers.rule.uscc': 'The credit code must have 1–32 characters',
  'providers.rule.personName': 'The name must have 1–100 characters',
  'providers.rule.phone': 'A phone number has 5–30 digits, spaces, + - ( ) only',
  'providers.rule.address': 'The address must have 1–300 characters',
  'staff.edit': 'Edit staff member',
  'staff.saved': 'Saved “{name}”',
  'staff.noFacility': 'No particular facility (the organisation itself)',
  'staff.rule.name': 'The name must have 1–100 characters',
  'staff.rule.date': 'Enter a valid date',
  'staff.rule.leavingBeforeStart': 'The leaving date cannot come before the start',
};
