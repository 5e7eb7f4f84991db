#!/usr/bin/env bash
# The CDK app command (cdk.json's "app"): builds the Lambda jar and the app, then runs PinpushApp.
# Needs no AWS account and no network beyond Maven's own dependency cache: synthesis is offline.
# PINPUSH_CDK_SKIP_BUILD=1 skips the build when the caller has just built (the Maven tests do).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${PINPUSH_CDK_SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -q -pl cdk -am package -DskipTests >&2
fi
if [ ! -f cdk/target/app-classpath.txt ] || [ ! -d cdk/target/classes ]; then
  echo "The CDK app is not built: run 'mvn -pl cdk -am package -DskipTests' first." >&2
  exit 1
fi
exec java -cp "cdk/target/classes:$(cat cdk/target/app-classpath.txt)" io.pinpush.cdk.PinpushApp
