/** The scheduler's run list on the tasks page (探访任务): what the platform did by itself, and when. */
export const zh = {
  'visits.scheduler.title': '自动任务记录',
  'visits.scheduler.hint':
    '平台每天按规则同步探访名单，每月初生成本月探访任务（停机错过的月份在启动时补生成）',
  'visits.scheduler.region': '区县',
  'visits.scheduler.job': '任务',
  'visits.scheduler.job.roster_sync': '同步探访名单',
  'visits.scheduler.job.task_generation': '生成探访任务',
  'visits.scheduler.period': '日期/月份',
  'visits.scheduler.finishedAt': '完成时间',
  'visits.scheduler.counts': '结果',
  'visits.scheduler.counts.roster_sync': '新增 {entered} · 移出 {left} · 调级 {retiered}',
  'visits.scheduler.counts.task_generation': '生成 {created} 项',
  'visits.scheduler.outcome.done': '成功',
  'visits.scheduler.outcome.failed': '失败',
  'visits.scheduler.by': '执行者',
  'visits.scheduler.system': '系统',
  'visits.scheduler.empty': '尚无自动任务记录',
};

export const en: typeof zh = {
  'visits.scheduler.title': 'Scheduled runs',
  'visits.scheduler.hint':
    "The platform syncs the visit roster from the rules daily and generates each month's visit tasks at its start (months missed while down are generated on start)",
  'visits.scheduler.region': 'District',
  'visits.scheduler.job': 'Job',
  'visits.scheduler.job.roster_sync': 'Roster sync',
  'visits.scheduler.job.task_generation': 'Task generation',
  'visits.scheduler.period': 'Day / month',
  'visits.scheduler.finishedAt': 'Finished',
  'visits.scheduler.counts': 'Result',
  'visits.scheduler.counts.roster_sync': '{entered} entered · {left} left · {retiered} re-tiered',
  'visits.scheduler.counts.task_generation': '{created} tasks created',
  'visits.scheduler.outcome.done': 'Done',
  'visits.scheduler.outcome.failed': 'Failed',
  'visits.scheduler.by': 'By',
  'visits.scheduler.system': 'System',
  'visits.scheduler.empty': 'No scheduled runs yet',
};
