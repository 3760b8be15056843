/** Tenant settings are one flat object of scalar values, like seed 004's contact attributes. */
export type SettingValue = string | number | boolean | null;
export type TenantSettings = Record<string, SettingValue>;

export const MAX_SETTINGS_KEYS = 100;
