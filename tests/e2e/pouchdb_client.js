// A second client using the PouchDB JavaScript library (the copy PouchDB Server
// ships in .tools/), for the interop end-to-end test.
//   node tests/e2e/pouchdb_client.js SERVER_DB_URL edit   -> edits a few docs, prints their revs
//   node tests/e2e/pouchdb_client.js SERVER_DB_URL revs   -> pulls them again, prints winners
const path = require('path');
const modules = path.join(__dirname, '..', '..', '.tools', 'node_modules');
const req = (name) => require(path.join(modules, name));
const PouchDB = req('pouchdb-core')
  .plugin(req('pouchdb-adapter-memory'))
  .plugin(req('pouchdb-adapter-http'))
  .plugin(req('pouchdb-replication'));

const [url, mode] = process.argv.slice(2);
const ids = ['account:a0003', 'account:a0004', 'account:pouch1'];

async function main() {
  const local = new PouchDB('interop-' + Date.now(), { adapter: 'memory' });
  await local.replicate.from(url, { doc_ids: ids });
  if (mode === 'edit') {
    const a3 = await local.get('account:a0003');
    a3.name = 'PouchDB Edited Co';
    await local.put(a3);
    const a4 = await local.get('account:a0004');
    await local.remove(a4);
    await local.put({ _id: 'account:pouch1', type: 'account', schema: 1, name: 'Pouch Client Co' });
    await local.replicate.to(url, { doc_ids: ids });
  }
  const out = {};
  for (const id of ids) {
    const doc = await local.get(id, { conflicts: true }).catch((e) => ({ missing: e.reason || e.message }));
    out[id] = { rev: doc._rev || null, conflicts: doc._conflicts || [], name: doc.name || null };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
main().catch((e) => { console.error(e); process.exit(1); });
