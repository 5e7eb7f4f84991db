#!/usr/bin/env python3
"""Lets the AWS CLI and boto3 call a deployed Pinpush, whose API Gateway checks SigV4 signatures made
for the `execute-api` service rather than Pinpoint's `mobiletargeting`.

Writes a copy of botocore's Pinpoint model with that one signing name changed into .cache/aws-models and
prints the AWS_DATA_PATH line that makes `aws pinpoint ...` and boto3's pinpoint client use it. Nothing else
about the client changes. Not needed for the local server, which accepts any signature.

usage: tools/execute-api-model.py [--botocore-data DIR]   (DIR: botocore's data folder, for a bundled CLI v2)
"""
import argparse
import gzip
import json
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / ".cache" / "aws-models"


def source_model(data_dir):
    if data_dir is None:
        import botocore  # the botocore of this Python: AWS CLI v1, boto3
        data_dir = pathlib.Path(botocore.__file__).parent / "data"
    folder = pathlib.Path(data_dir) / "pinpoint" / "2016-12-01"
    for name, opener in (("service-2.json", open), ("service-2.json.gz", gzip.open)):
        if (folder / name).exists():
            with opener(folder / name, "rt") as f:
                return json.load(f)
    raise SystemExit(f"No Pinpoint model under {folder}; pass --botocore-data")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--botocore-data")
    args = parser.parse_args()
    model = source_model(args.botocore_data)
    model["metadata"]["signingName"] = "execute-api"
    out = TARGET / "pinpoint" / "2016-12-01" / "service-2.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model))
    print(f"export AWS_DATA_PATH={TARGET}{os.pathsep}${{AWS_DATA_PATH:-}}")


if __name__ == "__main__":
    main()
