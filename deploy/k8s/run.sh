#!/bin/bash
# Runs the phases as Indexed Jobs, one after the other: apply a phase's Job, wait for it to
# complete, then the next. Re-running resumes (finished partitions are skipped), after
# `kubectl delete job -l app=curate`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
kubectl apply -f "$HERE/volume.yaml"
for phase in ingest dedup mix finalize; do
  kubectl apply -f "$HERE/$phase-job.yaml"
  kubectl wait --for=condition=complete --timeout=48h "job/curate-$phase"
done
