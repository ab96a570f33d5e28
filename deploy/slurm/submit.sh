#!/bin/bash
# Submits a whole curate run to Slurm: ingest, dedup and mix as job arrays, then finalize, each
# phase waiting for the previous one (--dependency=afterok). Resources come from the config
# (`curate resources`). Re-running it on the same config resumes: finished work is skipped.
#
#   deploy/slurm/submit.sh CONFIG [--ingest-tasks N] [--dedup-tasks N] [--mix-tasks N]
#                                 [--workers N] [--logs DIR] [--wait] [-- extra sbatch options]
#
# Partition, account, time limit and QOS: Slurm's own SBATCH_PARTITION, SBATCH_ACCOUNT,
# SBATCH_TIMELIMIT, SBATCH_QOS environment variables, or sbatch options after `--`.
# Node.js on the compute nodes: CURATE_MODULES or CURATE_NODE_DIR (see curate-phase.sbatch).
set -euo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
CONFIG=$1; shift
INGEST=4; DEDUP=2; MIX=2; WORKERS=; LOGS=slurm-logs; WAIT=0; EXTRA=()
while [ $# -gt 0 ]; do
  case $1 in
    --ingest-tasks) INGEST=$2; shift 2 ;;
    --dedup-tasks) DEDUP=$2; shift 2 ;;
    --mix-tasks) MIX=$2; shift 2 ;;
    --workers) WORKERS=$2; shift 2 ;;
    --logs) LOGS=$2; shift 2 ;;
    --wait) WAIT=1; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "submit.sh: unknown option $1" >&2; usage ;;
  esac
done
for n in "$INGEST" "$DEDUP" "$MIX"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: task counts are positive integers, got $n" >&2; exit 2; }
done

HERE=$(cd "$(dirname "$0")" && pwd)
export CURATE_HOME=${CURATE_HOME:-$(cd "$HERE/../.." && pwd)}
export CURATE_WORKDIR=$(pwd)
export CURATE_CONFIG=$CONFIG
CURATE=(node "$CURATE_HOME/bin/curate.js")
mkdir -p "$LOGS"
LOGS=$(cd "$LOGS" && pwd)

# Fails here, before anything is submitted, when the config is wrong.
"${CURATE[@]}" resources "$CONFIG" ${WORKERS:+--workers "$WORKERS"} >&2

submit() { # phase tasks dependency
  local phase=$1 tasks=$2 dep=$3 res array=() log="$LOGS/%x-%j.out"
  read -r -a res <<<"$("${CURATE[@]}" resources "$CONFIG" --phase "$phase" --format sbatch ${WORKERS:+--workers "$WORKERS"})"
  if [ "$tasks" -gt 0 ]; then array=(--array="0-$((tasks - 1))"); log="$LOGS/%x-%A_%a.out"; fi
  sbatch --parsable --job-name="curate-$phase" "${array[@]}" "${res[@]}" \
    --output="$log" \
    ${dep:+--dependency=afterok:$dep --kill-on-invalid-dep=yes} \
    --export=ALL,CURATE_PHASE="$phase" "${EXTRA[@]}" "$HERE/curate-phase.sbatch" | cut -d';' -f1
}
ingest=$(submit ingest "$INGEST" "")
dedup=$(submit dedup "$DEDUP" "$ingest")
mix=$(submit mix "$MIX" "$dedup")
finalize=$(submit finalize 0 "$mix")
echo "ingest $ingest"
echo "dedup $dedup"
echo "mix $mix"
echo "finalize $finalize"
echo "logs $LOGS" >&2

if [ "$WAIT" = 1 ]; then
  # Polls until finalize leaves the queue, then reports how it ended.
  while squeue -h -j "$finalize" 2>/dev/null | grep -q .; do sleep 2; done
  state=$(scontrol show job "$finalize" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1)
  echo "finalize $state" >&2
  [ "$state" = COMPLETED ] || exit 1
fi
