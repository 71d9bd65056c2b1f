/** Fee collection: payment records, fee receipts (numbered, signed, cancellable), VietQR, cash book and revenue report. */
export { paymentHooks } from './hooks.js';
export { createReceiptSigner, type ReceiptSigner, type ReceiptSignerDeps } from './receipt-signer.js';
export { registerPaymentRoutes } from './routes.js';
export { registerPaymentReports } from './reports/routes.js';
export { registerReconcileRoutes, type ReconcileRouteDeps } from './reconcile/routes.js';
export { importStatement, BANK_COLLECTOR_NAME, type ImportResult, type LineOutcome } from './reconcile/import.js';
export { readStatementFile } from './reconcile/read-file.js';
export { webhookSignature, SIGNATURE_HEADER } from './reconcile/webhook.js';
export { seedDemoPaymentSettings, paymentSettingsOf, savePaymentSettings, type PaymentSettings } from './settings.js';
export { collectFee, cancelFeeReceipt, paymentOf, receiptsOf, receiptById } from './operations.js';
export { pendingTransferFor, transferLines, type TransferDetails } from './transfer.js';
export type { Payment, FeeReceipt, PaymentMethod, PaymentStatus } from './model.js';
export type { PaymentGateway, GatewayNotification, GatewayStart, NotificationOutcome } from './gateway.js';
export { registerOnlinePaymentRoutes } from './online-routes.js';
export { setUpPaymentGateway, type GatewaySetup } from './online-setup.js';
