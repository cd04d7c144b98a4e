/** The strings of the CSV import dialog (customers and orders), in both languages. */
const en = {
  open: 'Import CSV',
  title: 'Import customers from a CSV file',
  intro: 'One customer per row; the first row names the columns: name, phone, email, member_id, wechat_openid, wechat_unionid, stage, tags (separated by |), owner_email, timezone. Any other column becomes a property. UTF-8 and GBK (Excel on Chinese Windows) are both read. Importing again updates the same customers.',
  file: 'File',
  pick: 'Pick a .csv file',
  rows: '{{rows}} rows',
  encoding: { 'utf-8': 'UTF-8', gb18030: 'GBK / GB18030' },
  tooLarge: 'The file is larger than {{mb}} MB: split it into smaller files.',
  submit: 'Import',
  done: '{{created}} created, {{updated}} updated, {{rejected}} rejected',
  kind: { customers: 'Customers', orders: 'Orders' },
  ordersIntro: 'One order per row; the first row names the columns: order_id and amount, one of phone, email, member_id, wechat_openid, wechat_unionid to find the customer by, and optionally product, category, currency and ordered_at (e.g. 2026-11-03 14:20, in the workspace’s time zone). The order id makes a second import store nothing twice.',
  ordersDone: '{{imported}} orders imported, {{duplicates}} already there, {{rejected}} rejected',
  row: 'Row',
  column: 'Column',
  why: 'Why',
};

const zhCN: typeof en = {
  open: '导入 CSV',
  title: '从 CSV 文件导入客户',
  intro: '每行一位客户；第一行是列名：name、phone、email、member_id、wechat_openid、wechat_unionid、stage、tags（用 | 分隔）、owner_email、timezone，其他列会成为客户属性。UTF-8 和 GBK（中文 Windows 上 Excel 另存的格式）都能识别。再次导入会更新同一批客户。',
  file: '文件',
  pick: '选择 .csv 文件',
  rows: '共 {{rows}} 行',
  encoding: { 'utf-8': 'UTF-8', gb18030: 'GBK / GB18030' },
  tooLarge: '文件超过 {{mb}} MB，请拆成几个小文件。',
  submit: '导入',
  done: '新建 {{created}} 位，更新 {{updated}} 位，{{rejected}} 行未导入',
  kind: { customers: '客户', orders: '订单' },
  ordersIntro: '每行一个订单；第一行是列名：order_id 和 amount，用于找到客户的 phone、email、member_id、wechat_openid、wechat_unionid 之一，以及可选的 product、category、currency、ordered_at（如 2026-11-03 14:20，按工作区时区）。订单号保证重复导入不会重复记录。',
  ordersDone: '导入 {{imported}} 个订单，{{duplicates}} 个已存在，{{rejected}} 行未导入',
  row: '行',
  column: '列',
  why: '原因',
};

export const importStrings = { en, 'zh-CN': zhCN };
