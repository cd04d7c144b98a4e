export { addProperties, BIRTHDAY, checkPropertyValues, propertyValueProblems, PROPERTY_TYPES, PropertyKey, PropertyListInput, saveProperties, unknownProperty, workspaceProperties } from './properties.ts';
export type { CustomerProperty } from './properties.ts';
