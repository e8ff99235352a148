#!/bin/sh
# Demo credential process: prints AWS credential_process JSON for the sample app's embedded S3
# server. Every run issues a new session token that expires DEMO_LIFETIME_SECONDS (default 120)
# from now, so scheduled refreshes are visible within minutes. Diagnostics would go to stderr;
# stdout carries only the JSON.
set -eu
: "${DEMO_ACCESS_KEY_ID:=AKIADEMOEXAMPLE00001}"
: "${DEMO_SECRET_ACCESS_KEY:=demo-secret-access-key-for-the-embedded-s3}"
lifetime="${DEMO_LIFETIME_SECONDS:-120}"
now=$(date -u +%s)
expires=$((now + lifetime))
# GNU date takes -d @seconds, BSD and macOS date take -r seconds.
expiration=$(date -u -d "@$expires" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$expires" +%Y-%m-%dT%H:%M:%SZ)
printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s","SessionToken":"demo-token-%s-%s","Expiration":"%s"}\n' \
  "$DEMO_ACCESS_KEY_ID" "$DEMO_SECRET_ACCESS_KEY" "$now" "$$" "$expiration"
