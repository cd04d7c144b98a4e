import type { Strings } from './en.ts';

export const zhCN: Strings = {
  app: { name: 'Sopline', tagline: '客户生命周期运营 SOP 旅程' },
  nav: { journeys: '旅程', inbox: '今日待办', customers: '客户', dashboards: '数据看板', soon: '即将推出' },
  common: {
    save: '保存',
    cancel: '取消',
    close: '关闭',
    create: '创建',
    delete: '删除',
    rename: '重命名',
    search: '搜索',
    loading: '加载中…',
    retry: '重试',
    language: '语言',
    signOut: '退出登录',
    name: '名称',
    error: '出错了',
    notFound: '未找到',
  },
  auth: {
    title: '登录 Sopline',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    invalidEmail: '请输入邮箱地址，例如 ops@example.com',
    passwordRequired: '请输入密码',
    demoHint: '演示账号：ops@demo.sopline.dev / sopline-demo',
  },
  roles: { admin: '管理员', ops: '运营', sales: '销售' },
};
