#!/bin/sh
# One-shot job of docker-compose.yml (temporalio/admin-tools), once the Temporal server answers: creates
# the namespace with its retention and registers Switchboard's search attributes (SwitchboardTenant,
# SwitchboardTaskKind, Keyword; keep in step with src/temporal/search-attributes.ts). Idempotent. The API
# also registers the attributes at start; doing it here first means no workflow starts before they exist.
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS must name the Temporal frontend, e.g. temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-7d}"

until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
  echo "waiting for the Temporal server at $TEMPORAL_ADDRESS"
  sleep 2
done

if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "namespace $NAMESPACE already exists"
else
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" --retention "$RETENTION"
  echo "namespace $NAMESPACE created (retention $RETENTION)"
fi

# A new namespace takes a moment to be served by every frontend.
until temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; do
  sleep 1
done
for name in SwitchboardTenant SwitchboardTaskKind; do
  if temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" | grep -qw "$name"; then
    echo "search attribute $name already registered"
  else
    temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$NAMESPACE" --name "$name" --type Keyword
    echo "search attribute $name registered"
  fi
done
