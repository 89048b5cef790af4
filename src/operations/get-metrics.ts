import type { Handler } from '../contract/types.js'
import { scrape } from '../http/metrics.js'

export const getMetrics: Handler<'getMetrics'> = async (_request, { reply }) => {
  const { contentType, text } = await scrape()
  // the exposition format's version travels in the media type's parameters
  reply.type(contentType)
  return { status: 200, body: text }
}
