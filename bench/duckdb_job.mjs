// node duckdb_job.mjs JOB.sql INPUT.csv THREADS OUT.csv
// Runs the benchmark job in DuckDB (through @duckdb/node-api, installed by
// bench/engine_vs_duckdb.sh) and writes its shortlist as profile,rank,id,score.
// Prints the query's own time to standard error.
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [job, input, threads, out] = process.argv.slice(2);
const sql = readFileSync(job, 'utf8').replaceAll('{input}', input.replaceAll("'", "''"));
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
const started = process.hrtime.bigint();
const result = await connection.runAndReadAll(sql);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const lines = result.getRows().map(([profile, rank, id, score]) =>
  `${profile},${rank},${id},${Number(score.toString())}`);
writeFileSync(out, ['profile,rank,id,score', ...lines].join('\n') + '\n');
process.stderr.write(`duckdb query ${seconds.toFixed(3)} s\n`);
