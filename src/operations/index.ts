import type { Handlers } from '../contract/types.js'
import { createApiKey } from './create-api-key.js'
import { createUser } from './create-user.js'
import { createWebhookEndpoint } from './create-webhook-endpoint.js'
import { deleteApiKey } from './delete-api-key.js'
import { deleteUser } from './delete-user.js'
import { deleteWebhookEndpoint } from './delete-webhook-endpoint.js'
import { getHealth } from './get-health.js'
import { getMetrics } from './get-metrics.js'
import { getReadiness } from './get-readiness.js'
import { getUser } from './get-user.js'
import { getWebhookEndpoint } from './get-webhook-endpoint.js'
import { importUsers } from './import-users.js'
import { listApiKeys } from './list-api-keys.js'
import { listEvents } from './list-events.js'
import { listUsers } from './list-users.js'
import { listWebhookDeliveries } from './list-webhook-deliveries.js'
import { listWebhookEndpoints } from './list-webhook-endpoints.js'
import { replaceUser } from './replace-user.js'
import { retryWebhookDelivery } from './retry-webhook-delivery.js'
import { updateUser } from './update-user.js'
import { updateWebhookEndpoint } from './update-webhook-endpoint.js'
import { verifyUserPassword } from './verify-user-password.js'

export const handlers = {
  listUsers,
  createUser,
  getUser,
  replaceUser,
  updateUser,
  deleteUser,
  importUsers,
  listEvents,
  verifyUserPassword,
  listApiKeys,
  createApiKey,
  deleteApiKey,
  listWebhookEndpoints,
  createWebhookEndpoint,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  retryWebhookDelivery,
  getHealth,
  getReadiness,
  getMetrics,
} satisfies Handlers
