"""Compacts one Iceberg table of the lake: rewrites small files into large sorted
(or Z-ordered) files with Iceberg's rewrite_data_files procedure, then expires old
snapshots and removes orphan files so storage does not grow without bound.

Run on EMR Serverless by the compaction state machine; arguments come from the
schedule of each table (see constructs/processing/iceberg-compaction.ts):

    compact_iceberg.py --catalog lake --database <db> --table <table>
        --strategy sort|zorder --columns col_a,col_b --target-file-size-bytes 536870912

Exits non-zero on failure so the state machine retries with backoff and alarms.
"""
import argparse
import json
import re
import sys

from pyspark.sql import SparkSession

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--catalog", default="lake")
    parser.add_argument("--database", required=True)
    parser.add_argument("--table", required=True)
    parser.add_argument("--strategy", choices=["sort", "zorder"], required=True)
    parser.add_argument("--columns", required=True, help="comma-separated column names")
    parser.add_argument("--target-file-size-bytes", type=int, default=512 * 1024 * 1024)
    parser.add_argument("--retain-snapshots-days", type=int, default=7)
    args = parser.parse_args(argv)
    args.columns = [c.strip() for c in args.columns.split(",") if c.strip()]
    for name in [args.catalog, args.database, args.table, *args.columns]:
        if not IDENTIFIER.match(name):
            parser.error(f"not an identifier: {name!r}")
    return args


def sort_order(strategy, columns):
    """The sort_order argument of rewrite_data_files."""
    if strategy == "zorder":
        return "zorder({})".format(",".join(columns))
    return ",".join(f"{c} ASC NULLS LAST" for c in columns)


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName(f"compact-{args.database}.{args.table}").getOrCreate()
    table = f"{args.catalog}.{args.database}.{args.table}"
    rewritten = spark.sql(
        f"""CALL {args.catalog}.system.rewrite_data_files(
              table => '{args.database}.{args.table}',
              strategy => 'sort',
              sort_order => '{sort_order(args.strategy, args.columns)}',
              options => map(
                'target-file-size-bytes', '{args.target_file_size_bytes}',
                'partial-progress.enabled', 'true',
                'max-concurrent-file-group-rewrites', '10'))"""
    ).collect()[0].asDict()
    expired = spark.sql(
        f"""CALL {args.catalog}.system.expire_snapshots(
              table => '{args.database}.{args.table}',
              older_than => TIMESTAMPADD(DAY, -{args.retain_snapshots_days}, CURRENT_TIMESTAMP()),
              retain_last => 5)"""
    ).collect()[0].asDict()
    orphans = spark.sql(
        f"""CALL {args.catalog}.system.remove_orphan_files(
              table => '{args.database}.{args.table}',
              older_than => TIMESTAMPADD(DAY, -3, CURRENT_TIMESTAMP()))"""
    ).count()
    # One JSON line in the driver log: the run's outcome, for dashboards and audits.
    print(json.dumps({"table": table, "rewrite": rewritten, "expire": expired, "orphanFilesRemoved": orphans}, default=str))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
