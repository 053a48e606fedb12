// node-postgres against BucketSQL's PostgreSQL endpoint; run by NodePostgresTest, which checks
// every printed line. Arguments: port, user, password.
'use strict';
const { Client } = require('pg');

async function main() {
  const [port, user, password] = process.argv.slice(2);
  const client = new Client({ host: '127.0.0.1', port: Number(port), database: 'bucketsql', user, password });
  await client.connect();
  try {
    const simple = await client.query('select name, salary from emps where deptno = 10 order by empid');
    console.log('rows ' + JSON.stringify(simple.rows));
    // node-postgres sends every parameter as text with no type: the server infers them from the query
    const params = await client.query(
      'select empid, name from emps where deptno = $1 and salary > $2 and name <> $3 order by empid',
      [10, 7500.5, 'Bill']);
    console.log('params ' + JSON.stringify(params.rows));
    // a boolean compared with a whole condition, and a date (node-postgres sends a Date as a
    // timestamp with its offset, which the cast reads)
    const flags = await client.query('select count(*) as n from emps where deptno = $1'
      + ' and $2 = (salary > 9000) and cast($3 as date) < date \'2019-03-01\'', ['10', true, new Date(Date.UTC(2019, 1, 28))]);
    console.log('bool-param ' + JSON.stringify(flags.rows));
    const typed = await client.query("select cast(9007199254740993 as bigint) as i8, cast(42 as integer) as i4,"
      + " cast(1.5 as double) as f8, true as b, date '2019-02-28' as d, 'x' as t,"
      + " cast(null as integer) as n, cast(null as varchar) as nt");
    const row = typed.rows[0];
    console.log('types ' + Object.keys(row).map((k) => k + '=' + describe(row[k])).join(' '));
    console.log('oids ' + typed.fields.map((f) => f.name + ':' + f.dataTypeID).join(' '));
    try {
      await client.query('select * from no_such_table');
      console.log('error none');
    } catch (e) {
      console.log('error ' + e.code + ' ' + (e.message.includes('no_such_table') ? 'names-table' : e.message));
    }
    const after = await client.query('select 1 + 1 as two');
    console.log('after-error ' + JSON.stringify(after.rows));
  } finally {
    await client.end();
  }
}

/** A value with its JavaScript type, so the test sees what node-postgres made of each column. */
function describe(value) {
  if (value === null) {
    return 'null';
  }
  if (value instanceof Date) {
    return 'Date(' + value.getFullYear() + '-' + (value.getMonth() + 1) + '-' + value.getDate() + ')';
  }
  return typeof value + '(' + value + ')';
}

main().catch((e) => {
  console.log('failed ' + (e.code || '') + ' ' + e.message);
  process.exit(1);
});
