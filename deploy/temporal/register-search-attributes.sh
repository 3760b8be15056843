#!/usr/bin/env bash
# Registers Switchboard's search attributes (SwitchboardTenant, SwitchboardTaskKind) on the namespace once
# the Temporal server serves it. Idempotent: attributes already present are left alone. The API also
# registers them at start; doing it here first means workers never start workflows before they exist.
set -euo pipefail

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS must name the Temporal frontend, e.g. temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
ATTRIBUTES=(SwitchboardTenant SwitchboardTaskKind) # all Keyword; keep in step with src/temporal/search-attributes.ts

until temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; do
  echo "waiting for namespace $NAMESPACE on $TEMPORAL_ADDRESS"
  sleep 2
done

for name in "${ATTRIBUTES[@]}"; do
  if temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" | grep -qw "$name"; then
    echo "search attribute $name already registered"
  else
    temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" --name "$name" --type Keyword
    echo "search attribute $name registered"
  fi
done
