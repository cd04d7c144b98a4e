const en = {
  title: 'Your first day',
  intro: 'Five steps to get the team working from Sopline. Each ticks itself when it is done; this card goes away when all are.',
  progress: '{{done}} of {{total}} done',
  steps: {
    inviteReps: { title: 'Invite your reps', hint: 'Settings → Team → Invite: each rep gets a link and their own sign-in.' },
    importCustomers: { title: 'Bring your customers', hint: 'Customers → Import: an .xlsx or CSV file (UTF-8 or GBK, as Excel saves it), columns mapped, a dry run first.' },
    importOrders: { title: 'Bring their orders', hint: 'Customers → Import → Orders (or purchase events over the REST API), so branches and the funnel see past purchases.' },
    publishJourney: { title: 'Publish a first journey from a template', hint: 'Journeys → New journey → pick a template, check it, publish.' },
    firstTask: { title: 'See the first task', hint: 'Enrol customers in the live journey; the rep’s task appears in Today’s tasks.' },
  },
  go: 'Go',
};

const zhCN: typeof en = {
  title: '第一天',
  intro: '五步让团队用 Sopline 开展工作。每一步完成后会自动打勾，全部完成后这张卡片会消失。',
  progress: '已完成 {{done}} / {{total}}',
  steps: {
    inviteReps: { title: '邀请销售', hint: '设置 → 成员 → 邀请成员：每位销售会收到链接，用自己的账号登录。' },
    importCustomers: { title: '导入客户', hint: '客户 → 导入：.xlsx 或 CSV 文件（UTF-8、GBK 都可以），对应好列，先试导入。' },
    importOrders: { title: '导入订单', hint: '客户 → 导入 → 订单（或通过接口写入购买事件），分支和阶段漏斗就能看到历史购买。' },
    publishJourney: { title: '用模板发布第一条旅程', hint: '旅程 → 新建旅程 → 选一个模板，检查后发布。' },
    firstTask: { title: '看到第一个任务', hint: '把客户加入已发布的旅程，销售的任务会出现在「今日待办」。' },
  },
  go: '去完成',
};

export const onboardingStrings = { en, 'zh-CN': zhCN };
