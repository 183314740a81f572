"""Masking job: writes a copy of a dataset whose pii columns are replaced by keyed tokens.

Runs in a production environment (the only place raw personal data lives). Reads the
dataset's Iceberg table through the Glue catalog, replaces each pii column with
HMAC-SHA256(secret, value) in hex (deterministic: joins on a masked column still
work, and the same value gets the same token in every dataset; without the secret
a token cannot be reversed or recomputed from a guessed value), and overwrites the
masked copy under the target prefix as Parquet, partitioned like the source.
Non-production environments of the same residency zone use that copy.

Arguments (Glue job parameters):
  --source_database   Glue database of the source table
  --source_table      source table name
  --target_path       s3://bucket/prefix/ of the masked copy
  --pii_columns       comma-separated columns to tokenise
  --partition_keys    comma-separated partition columns (may be empty)
  --secret_id         Secrets Manager secret holding the HMAC key
"""
import hashlib
import hmac
import sys

import boto3
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from pyspark.sql import functions as F
from pyspark.sql.types import StringType

ARGS = getResolvedOptions(
    sys.argv,
    ["JOB_NAME", "source_database", "source_table", "target_path", "pii_columns", "partition_keys", "secret_id"],
)


def csv(value):
    return [item.strip() for item in value.split(",") if item.strip()]


def hmac_key(secret_id):
    secret = boto3.client("secretsmanager").get_secret_value(SecretId=secret_id)["SecretString"]
    if len(secret) < 32:
        raise ValueError("the masking secret must hold at least 32 characters")
    return secret.encode("utf-8")


def tokeniser(key):
    def tokenise(value):
        if value is None:
            return None
        return hmac.new(key, str(value).encode("utf-8"), hashlib.sha256).hexdigest()

    return F.udf(tokenise, StringType())


def main():
    spark_context = SparkContext()
    glue_context = GlueContext(spark_context)
    spark = glue_context.spark_session
    job = Job(glue_context)
    job.init(ARGS["JOB_NAME"], ARGS)

    pii_columns = csv(ARGS["pii_columns"])
    partition_keys = csv(ARGS["partition_keys"])
    source = spark.table(f"glue_catalog.{ARGS['source_database']}.{ARGS['source_table']}")
    missing = [c for c in pii_columns if c not in source.columns]
    if missing:
        raise ValueError(f"pii columns not in {ARGS['source_table']}: {', '.join(missing)}")

    tokenise = tokeniser(hmac_key(ARGS["secret_id"]))
    masked = source
    for column in pii_columns:
        masked = masked.withColumn(column, tokenise(F.col(column)))

    writer = masked.write.mode("overwrite").format("parquet")
    if partition_keys:
        writer = writer.partitionBy(*partition_keys)
    writer.save(ARGS["target_path"])
    job.commit()


if __name__ == "__main__":
    main()
