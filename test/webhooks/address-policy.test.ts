import t from 'tap'
import { checkWebhookUrl, isPublicAddress } from '../../src/webhooks/address-policy.js'

t.test('only public unicast addresses are public', async (t) => {
  for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111']) t.ok(isPublicAddress(address), address)
  for (const address of [
    '10.0.0.1',
    '172.16.0.1',
    '192.168.0.1',
    '127.0.0.1',
    '169.254.1.1',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fd12::1',
    'ff02::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    '64:ff9b::7f00:1',
    'not an address',
  ])
    t.notOk(isPublicAddress(address), address)
})

t.test('a host name is judged by every address it resolves to; one that does not resolve is accepted', async (t) => {
  const policy = { allowHttp: false, allowPrivate: false }
  const lookup = async (host: string) => {
    if (host === 'mixed.example') return ['93.184.215.14', '10.1.2.3']
    if (host === 'public.example') return ['93.184.215.14', '2606:4700:4700::1111']
    throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
  }
  await t.rejects(checkWebhookUrl('https://mixed.example/hook', policy, lookup), { name: 'UrlRefused', message: /10\.1\.2\.3/ })
  t.equal((await checkWebhookUrl('https://public.example/hook', policy, lookup)).host, 'public.example')
  t.equal((await checkWebhookUrl('https://nowhere.example/hook', policy, lookup)).host, 'nowhere.example')
  await t.rejects(checkWebhookUrl('https://mixed.example/hook', { ...policy, allowPrivate: false }, lookup))
  t.ok(
    await checkWebhookUrl('https://mixed.example/hook', { ...policy, allowPrivate: true }, lookup),
    'unless private addresses are allowed',
  )
})
