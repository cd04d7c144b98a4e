import type { Customer } from '@sopline/db';

/** A customer as the API shows it (camelCase, no workspace id). */
export type CustomerDetail = {
  id: string;
  name: string;
  ownerId: string | null;
  stage: string | null;
  timezone: string | null;
  phone: string | null;
  email: string | null;
  wechatOpenid: string | null;
  wechatUnionid: string | null;
  memberId: string | null;
  properties: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
};

export function customerDetail(c: Customer): CustomerDetail {
  return {
    id: c.id,
    name: c.name,
    ownerId: c.owner_id,
    stage: c.stage,
    timezone: c.timezone,
    phone: c.phone,
    email: c.email,
    wechatOpenid: c.wechat_openid,
    wechatUnionid: c.wechat_unionid,
    memberId: c.member_id,
    properties: c.properties,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}
