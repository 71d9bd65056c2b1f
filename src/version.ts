/** The version of Xã Số (in /healthz, the OpenAPI document, backups and `xaso --help`). */
export const VERSION = '0.1.0';
