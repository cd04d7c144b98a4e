// The customer use-cases behind the operator and sales UI (the REST upsert lives in upsert.ts).
export { EntityId, TimeZone, TagName, ExternalId, Properties, CustomerFields, NewCustomerFields } from './schema.ts';
export { visibleCustomer } from './access.ts';
export { createCustomerAs, updateCustomer, assignOwner } from './edit.ts';
export { searchCustomers, customerStages, CUSTOMER_SORTS } from './search.ts';
export type { CustomerListItem, CustomerSearchInput } from './search.ts';
export { getCustomerProfile } from './profile.ts';
export type { CustomerProfile, CustomerEnrollment, TimelineItem } from './profile.ts';
export type { NodeLabel } from './node-labels.ts';
export { customerDetail } from './view.ts';
export type { CustomerDetail } from './view.ts';
export { listTags, addCustomerTags, removeCustomerTags, renameTag, deleteTag, graphMentions } from './tags.ts';
export type { TagSummary } from './tags.ts';
export { exportCustomers } from './export.ts';
export { bulkAddTags, bulkAssignOwner, bulkEnrol, bulkRemoveTags, MAX_BULK_IDS, MAX_BULK_MATCHING } from './bulk.ts';
export type { BulkFilter, BulkResult, BulkTarget } from './bulk.ts';
