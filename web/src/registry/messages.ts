/** Strings of the shared registry components (web/src/registry). */
export const zh = {
  'history.title': '变更记录',
  'history.empty': '登记后没有修改过',
  'history.registered': '登记',
  'history.by': '{name} 修改',
  'history.bySystem': '系统修改',
  'history.cleared': '（空）',
  'history.truncated': '仅显示最近 {count} 条变更',
};

export const en: Record<keyof typeof zh, string> = {
  'history.title': 'History',
  'history.empty': 'Not changed since it was registered',
  'history.registered': 'Registered',
  'history.by': 'changed by {name}',
  'history.bySystem': 'changed by the platform',
  'history.cleared': '(empty)',
  'history.truncated': 'Only the latest {count} changes are shown',
};
