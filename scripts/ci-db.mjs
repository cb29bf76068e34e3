// Creates or drops a throwaway PostgreSQL database for one CI run: node scripts/ci-db.mjs create|drop URL
import postgres from 'postgres';

const [action, url] = process.argv.slice(2);
const target = new URL(url);
const name = target.pathname.slice(1);
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
target.pathname = '/postgres';
const sql = postgres(target.toString(), { max: 1, onnotice: () => {} });
if (action === 'create') await sql.unsafe(`create database ${name}`);
else await sql.unsafe(`drop database if exists ${name} with (force)`);
await sql.end();
