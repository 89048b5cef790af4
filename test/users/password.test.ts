import { randomBytes, scryptSync } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { hash as argon2Hash, parseOptions } from '@node-rs/argon2'
import bcrypt from 'bcryptjs'
import t from 'tap'
import { hashPassword, isSupportedPasswordHash, needsRehash, verifyPassword } from '../../src/users/password.js'

// Hashes made by other implementations than the ones the service verifies with: the
// reference vectors of the Argon2 reference implementation (password "password", salt
// "somesalt"), the examples in passlib's scrypt documentation (password "password"),
// bcryptjs, and node:crypto's scrypt written out in passlib's format.
const ARGON2_REFERENCE = {
  argon2i: '$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG',
  argon2iVersion16: '$argon2i$m=65536,t=2,p=1$c29tZXNhbHQ$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ',
  argon2id: '$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
}
const PASSLIB_SCRYPT = {
  ln8: '$scrypt$ln=8,r=8,p=1$WKs1xljLudd6z9kbY0wpJQ$yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ',
  ln16: '$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E',
}

type Alphabet = 'standard' | 'ab64' | 'padded'

/** An scrypt hash in passlib's format, made with node:crypto. */
function passlibScrypt(password: string, { ln = 10, r = 8, p = 1, alphabet = 'standard' as Alphabet, salt = randomBytes(16) } = {}) {
  const key = scryptSync(password, salt, 32, { N: 2 ** ln, r, p, maxmem: 256 * 2 ** 20 })
  const encode = (bytes: Buffer) => {
    const text = bytes.toString('base64')
    if (alphabet === 'padded') return text
    const unpadded = text.replace(/=+$/, '')
    return alphabet === 'ab64' ? unpadded.replaceAll('+', '.') : unpadded
  }
  return `$scrypt$ln=${ln},r=${r},p=${p}$${encode(salt)}$${encode(key)}`
}

t.test('hashPassword: Argon2id with the current parameters', async (t) => {
  const hash = await hashPassword('correct horse')
  t.match(parseOptions(hash), { algorithm: 2, version: 1, memoryCost: 19456, timeCost: 2, parallelism: 1 })
  t.equal(await verifyPassword(hash, 'correct horse'), true)
  t.equal(await verifyPassword(hash, 'correct horsE'), false)
  t.equal(needsRehash(hash), false)
  t.ok(isSupportedPasswordHash(hash))
})

t.test('Argon2id and Argon2i PHC strings from the reference implementation', async (t) => {
  for (const [name, hash] of Object.entries(ARGON2_REFERENCE)) {
    t.ok(isSupportedPasswordHash(hash), `${name} is supported`)
    t.equal(await verifyPassword(hash, 'password'), true, `${name}: the right password`)
    t.equal(await verifyPassword(hash, 'passwore'), false, `${name}: a wrong one`)
  }
  t.equal(needsRehash(ARGON2_REFERENCE.argon2i), true, 'Argon2i is replaced')
  t.equal(needsRehash(ARGON2_REFERENCE.argon2iVersion16), true, 'version 0x10 is replaced')
  t.equal(needsRehash(ARGON2_REFERENCE.argon2id), false, 'Argon2id with more memory than the current options is kept')
})

t.test('Argon2i made by @node-rs/argon2, and Argon2id weaker than the current options', async (t) => {
  const argon2i = await argon2Hash('pässwörd', { algorithm: 1 })
  t.match(argon2i, /^\$argon2i\$v=19\$/)
  t.equal(await verifyPassword(argon2i, 'pässwörd'), true)
  t.equal(await verifyPassword(argon2i, 'passwörd'), false)
  t.equal(needsRehash(argon2i), true)

  const weak = {
    memory: await argon2Hash('pw', { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 }),
    passes: await argon2Hash('pw', { algorithm: 2, memoryCost: 19456, timeCost: 1, parallelism: 1 }),
    version: await argon2Hash('pw', { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, version: 0 }),
  }
  for (const [name, hash] of Object.entries(weak)) {
    t.equal(await verifyPassword(hash, 'pw'), true, `weak ${name}: verifies`)
    t.equal(needsRehash(hash), true, `weak ${name}: is replaced`)
  }
  const stronger = await argon2Hash('pw', { algorithm: 2, memoryCost: 19456, timeCost: 3, parallelism: 2 })
  t.equal(needsRehash(stronger), false, 'stronger in every parameter: kept')
})

t.test('bcrypt made by bcryptjs: $2b$, and the same hash as $2a$ and $2y$ (PHP)', async (t) => {
  const password = 'Tr0ub4dor&3 ünïcödé'
  const hash = bcrypt.hashSync(password, 4)
  t.match(hash, /^\$2b\$04\$/)
  for (const prefix of ['$2b$', '$2a$', '$2y$']) {
    const variant = prefix + hash.slice(4)
    t.ok(isSupportedPasswordHash(variant), `${prefix} is supported`)
    t.equal(await verifyPassword(variant, password), true, `${prefix}: the right password`)
    t.equal(await verifyPassword(variant, password.toUpperCase()), false, `${prefix}: a wrong one`)
    t.equal(needsRehash(variant), true, `${prefix}: replaced by Argon2id`)
  }
  // bcrypt reads only the first 72 bytes; a long password verifies as bcryptjs hashed it
  const long = 'x'.repeat(100)
  t.equal(await verifyPassword(bcrypt.hashSync(long, 4), long), true)
  t.equal(await verifyPassword(await bcrypt.hash('at cost 10', 10), 'at cost 10'), true, 'a usual cost')
})

t.test('scrypt in passlib format', async (t) => {
  for (const [name, hash] of Object.entries(PASSLIB_SCRYPT)) {
    t.ok(isSupportedPasswordHash(hash), `passlib's example ${name} is supported`)
    t.equal(await verifyPassword(hash, 'password'), true, `passlib's example ${name}: the right password`)
    t.equal(await verifyPassword(hash, 'Password'), false, `passlib's example ${name}: a wrong one`)
    t.equal(needsRehash(hash), true)
  }
  // a salt whose base64 holds both + and /, so that each alphabet is really exercised
  const salt = Buffer.from('fbef3ff8fbef3ff8fbef3ff8fbef3ff8', 'hex')
  for (const alphabet of ['standard', 'ab64', 'padded'] as const) {
    const hash = passlibScrypt('open sesame', { alphabet, salt })
    t.ok(isSupportedPasswordHash(hash), `${alphabet} base64: ${hash}`)
    t.equal(await verifyPassword(hash, 'open sesame'), true, `${alphabet} base64: the right password`)
    t.equal(await verifyPassword(hash, 'open sesamE'), false, `${alphabet} base64: a wrong one`)
  }
  const tuned = passlibScrypt('pw', { ln: 4, r: 16, p: 3 })
  t.equal(await verifyPassword(tuned, 'pw'), true, 'other r and p')
})

t.test('isSupportedPasswordHash refuses what cannot or should not be verified', async (t) => {
  const bcryptHash = bcrypt.hashSync('pw', 4)
  const body = bcryptHash.slice(7)
  const scryptHash = passlibScrypt('pw', { ln: 4 })
  const [, , , salt, key] = scryptHash.split('$') as [string, string, string, string, string]
  const scryptWith = (params: string, s = salt, k = key) => `$scrypt$${params}$${s}$${k}`
  const argon2Salt = 'c29tZXNhbHQ'
  const argon2Key = 'CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc'
  const argon2With = (params: string, s = argon2Salt, k = argon2Key) => `$argon2id$v=19$${params}$${s}$${k}`

  t.ok(isSupportedPasswordHash(`$2b$16$${body}`), 'bcrypt cost 16 is the upper bound')
  t.notOk(isSupportedPasswordHash(`$2b$17$${body}`), 'bcrypt cost 17 would hold a thread for minutes')
  t.ok(isSupportedPasswordHash(scryptWith('ln=20,r=8,p=16')), 'scrypt at 1 GiB')
  t.ok(isSupportedPasswordHash(scryptWith('ln=4,r=1,p=1', '')), 'scrypt with an empty salt, as passlib allows')
  t.ok(isSupportedPasswordHash(argon2With('m=1048576,t=64,p=16')), 'Argon2 at its upper bounds')
  t.ok(isSupportedPasswordHash(argon2With('m=64,t=1,p=8')), 'Argon2 with the least memory for its lanes')

  const refused: Record<string, string> = {
    'empty string': '',
    'plain text': 'correct horse battery staple',
    'unknown scheme': '$1$saltsalt$qjXMvbEw8oaL.CzflDugX/',
    'PBKDF2 (passlib)': '$pbkdf2-sha256$29000$N2bMWSuFMKZUak2pNca4Fw$kB4Sy64mGsk8Q8ANvNmf8QUvX5Zr3ZV7KBn9Iu4S5ZM',
    'bcrypt cost 3': `$2b$03$${body}`,
    'bcrypt cost 32': `$2b$32$${body}`,
    'bcrypt cost in one digit': `$2b$4$${body}`,
    'bcrypt $2x$': `$2x$04$${body}`,
    'bcrypt, truncated': bcryptHash.slice(0, -1),
    'bcrypt, with a character outside its alphabet': `$2b$04$${body.slice(0, -1)}+`,
    'scrypt ln=0': scryptWith('ln=0,r=8,p=1'),
    'scrypt ln=21': scryptWith('ln=21,r=1,p=1'),
    'scrypt r=0': scryptWith('ln=4,r=0,p=1'),
    'scrypt r=33': scryptWith('ln=4,r=33,p=1'),
    'scrypt p=17': scryptWith('ln=4,r=8,p=17'),
    'scrypt N too large for r=1': scryptWith('ln=16,r=1,p=1'),
    'scrypt needing more than 1 GiB': scryptWith('ln=20,r=16,p=1'),
    'scrypt parameters in another order': scryptWith('r=8,ln=4,p=1'),
    'scrypt parameters without names (passlib pre-1.7 drafts)': scryptWith('4,8,1'),
    'scrypt checksum shorter than 16 bytes': scryptWith('ln=4,r=8,p=1', salt, key.slice(0, 20)),
    'scrypt base64 mixing both alphabets': scryptWith('ln=4,r=8,p=1', 'ab+c.d'),
    'scrypt base64 of impossible length': scryptWith('ln=4,r=8,p=1', 'abcde'),
    'scrypt base64 with wrong padding': scryptWith('ln=4,r=8,p=1', 'abc=='),
    'scrypt without a checksum': `$scrypt$ln=4,r=8,p=1$${salt}`,
    Argon2d: `$argon2d$v=19$m=65536,t=2,p=1$${argon2Salt}$${argon2Key}`,
    'Argon2 version 18': `$argon2id$v=18$m=65536,t=2,p=1$${argon2Salt}$${argon2Key}`,
    'Argon2 with a keyid': argon2With('m=65536,t=2,p=1,keyid=AAAA'),
    'Argon2 p=0': argon2With('m=65536,t=2,p=0'),
    'Argon2 p=17': argon2With('m=65536,t=2,p=17'),
    'Argon2 t=0': argon2With('m=65536,t=0,p=1'),
    'Argon2 t=65': argon2With('m=65536,t=65,p=1'),
    'Argon2 m below 8 per lane': argon2With('m=63,t=1,p=8'),
    'Argon2 needing more than 1 GiB': argon2With('m=1048577,t=1,p=1'),
    'Argon2 salt shorter than 8 bytes': argon2With('m=65536,t=2,p=1', 'c29tZQ'),
    'Argon2 checksum shorter than 16 bytes': argon2With('m=65536,t=2,p=1', argon2Salt, 'CTFhFdXPJO1aFaMaO6Mm'),
    'Argon2, truncated': argon2With('m=65536,t=2,p=1').slice(0, -1),
    'Argon2 parameters in another order': argon2With('t=2,m=65536,p=1'),
  }
  for (const [name, hash] of Object.entries(refused)) {
    t.equal(isSupportedPasswordHash(hash), false, name)
    t.equal(needsRehash(hash), true, `${name}: never kept`)
  }
  await t.rejects(verifyPassword(refused['bcrypt cost 3'] as string, 'pw'), /not in a supported format/, 'an unsupported hash is an error')
})

t.test('Argon2 runs on threads of a lower priority, the event loop at its own', async (t) => {
  const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
  await hashPassword('correct horse battery staple')
  const tasks = readdirSync('/proc/self/task').map((tid) => ({ tid, nice: niceOf(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')) }))
  t.equal(tasks.find((task) => task.tid === String(process.pid))?.nice, 0, 'the main thread keeps its priority')
  t.ok(
    tasks.some((task) => task.nice === 10),
    'a hashing thread runs at nice 10',
  )
  t.ok(await verifyPassword(await hashPassword('another one'), 'another one'), 'verification runs there too')
})
