/** Strings of Settings → Workspace → Customer properties; merged into settingsStrings as `properties`. */
const en = {
  title: 'Customer properties',
  intro: 'What you keep about each customer beyond the fixed fields — a city, points, a membership date. Journeys may read only these: a date wait needs a date property, a script can show any of them (as the variable customer.properties.<key>). Imports fill them; the key is what scripts and the API use.',
  key: 'Key',
  keyPlaceholder: 'e.g. city',
  type: 'Type',
  labelZh: 'Chinese name',
  labelEn: 'English name',
  types: { text: 'Text', number: 'Number', date: 'Date' },
  builtIn: 'Built-in',
  add: 'Add a property',
  save: 'Save properties',
  saved: 'Properties saved',
  remove: 'Remove',
  badRow: 'Check property {{row}}: a key has no dots or braces, and every key and name is filled in once.',
};

const zhCN: typeof en = {
  title: '客户属性',
  intro: '除固定字段外你为每位客户记录的信息，如城市、积分、入会日期。旅程只能读取这里列出的属性：按日期等待需要日期属性，话术可以显示任一属性（写法见话术编辑器的「插入变量」）。导入会填写它们；“属性名”是话术变量和接口使用的名字。',
  key: '属性名',
  keyPlaceholder: '如：城市',
  type: '类型',
  labelZh: '中文名称',
  labelEn: '英文名称',
  types: { text: '文本', number: '数字', date: '日期' },
  builtIn: '内置',
  add: '添加属性',
  save: '保存属性',
  saved: '属性已保存',
  remove: '删除',
  badRow: '请检查第 {{row}} 个属性：属性名不能含有点号或大括号，属性名和名称都要填写且不能重复。',
};

export const propertySettingsStrings = { en, 'zh-CN': zhCN };
