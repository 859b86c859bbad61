#!/usr/bin/env bash
# Device check: every neural command of spf on a GPU with a tiny model, one line per check.
#
#   bash benchmarks/gpu_check.sh                 # on a CUDA machine (DEVICE=cuda)
#   DEVICE=cpu bash benchmarks/gpu_check.sh      # the same checks on the CPU (a dry run)
#   KEEP=1 bash benchmarks/gpu_check.sh          # keep the work folder (printed at the end)
#
# Checks: inspect, freeze-plan, finetune (bf16, semantic, 2 steps), repair (star and mint,
# one case), serve (one completion over HTTP), the repair statistics on their blocks' devices
# (benchmarks/repair_devices.py: blocks spread over the visible GPUs), and device_map=auto
# (inspect, freeze-plan and repair with accelerate placing the blocks over the visible GPUs). Each line is
# `ok|FAIL  NAME  SECONDS  detail`; the exit status is the number of failed checks.
# Needs the project installed with its extras (pip install -e '.[all]'); nothing is downloaded.
set -u
DEVICE="${DEVICE:-cuda}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/spf-gpu-check-XXXXXX")"
SPF=(python -c "import sys; from spf.cli import main; sys.argv[0] = 'spf'; main()")
export TOKENIZERS_PARALLELISM=false
FAILED=0

check() {  # check NAME DETAIL-COMMAND -- COMMAND...
  local name="$1" detail="$2"; shift 3
  local started ended
  started=$(date +%s.%N)
  if "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    ended=$(date +%s.%N)
    printf 'ok    %-22s %6.1fs  %s\n' "$name" "$(awk "BEGIN {print $ended - $started}")" \
      "$(eval "$detail" 2>/dev/null | head -c 160)"
  else
    ended=$(date +%s.%N)
    FAILED=$((FAILED + 1))
    printf 'FAIL  %-22s %6.1fs  %s\n' "$name" "$(awk "BEGIN {print $ended - $started}")" \
      "$(grep -v '^\s*$' "$WORK/$name.err" | tail -n 1 | head -c 300)"
  fi
}

json() {  # json FILE EXPRESSION: a field of a JSON file, for the detail column
  python -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

python - "$WORK" <<'EOF' || { echo "FAIL  setup: cannot prepare the data"; exit 1; }
import json, pathlib, shutil, sys, sysconfig
work = pathlib.Path(sys.argv[1])
data = work / "data"
data.mkdir()
for path in sorted((pathlib.Path(sysconfig.get_paths()["stdlib"]) / "json").glob("*.py")):
    shutil.copy(path, data / path.name)
(work / "cases.jsonl").write_text(json.dumps(
    {"id": "ret", "prompt": "def add(a, b):\n    return", "target": " a + b"}) + "\n")
EOF

echo "spf device check on $DEVICE ($(python -c 'import torch; print(torch.__version__, \
"cuda" if torch.cuda.is_available() else "no cuda", torch.cuda.device_count(), "GPU(s)")'))"
check build-tiny "json $WORK/model/config.json 'd[\"model_type\"], d[\"n_layer\"], \"layers\"'" -- \
  "${SPF[@]}" model build-tiny "$WORK/model" --steps 30 --layers 4 --hidden 64 --vocab-size 512 --quiet
M="$WORK/model"
check inspect "json $WORK/inspect.out 'repr(d[\"layers\"][-1][\"top\"][0][\"token\"])'" -- \
  "${SPF[@]}" inspect "$M" --prompt "def add(a, b):" --device "$DEVICE" --dtype auto --json
check freeze-plan "json $WORK/freeze-plan.out '\"cut\", d[\"cut\"]'" -- \
  "${SPF[@]}" freeze-plan "$M" --data "$WORK/data" --samples 256 --device "$DEVICE" --json
check finetune-bf16 "json $WORK/ft/report.json 'd[\"device\"], d[\"precision\"], d[\"freeze\"][\"frozen_layers\"], d[\"eval_loss\"]'" -- \
  "${SPF[@]}" finetune "$M" --data "$WORK/data" --out "$WORK/ft" --freeze semantic --steps 2 \
  --bf16 --device "$DEVICE" --batch-size 4 --seq-len 64 --json --no-progress
for method in star mint; do
  check "repair-$method" "json $WORK/repair-$method/report.json '\"fixed\", d[\"fixed\"], \"of\", d[\"cases\"]'" -- \
    "${SPF[@]}" repair "$M" --cases "$WORK/cases.jsonl" --method "$method" \
    --out "$WORK/repair-$method" --device "$DEVICE" --json --quiet
done
check serve "cat $WORK/serve.out" -- python - "$M" "$DEVICE" <<'EOF'
import subprocess, sys, httpx
code = "import sys; from spf.cli import main; sys.argv[0] = 'spf'; main()"
server = subprocess.Popen([sys.executable, "-c", code, "serve", sys.argv[1], "--port", "0",
                           "--device", sys.argv[2], "--log-level", "warning"],
                          stdout=subprocess.PIPE, text=True)
try:
    line = server.stdout.readline()
    url = line.split(" at ", 1)[1].split()[0]
    body = {"model": "model", "prompt": "def add(a, b):\n    return", "max_tokens": 8,
            "temperature": 0}
    answer = httpx.post(f"{url}/completions", json=body, timeout=120).json()
    print(line.split(":", 1)[1].split(" at ")[0].strip(), repr(answer["choices"][0]["text"]))
finally:
    server.terminate()
    server.wait(timeout=30)
EOF
check repair-stat-devices "cat $WORK/repair-stat-devices.out" -- \
  python "$(dirname "$0")/repair_devices.py" "$M" --device "$DEVICE"
check inspect-device-map "json $WORK/inspect-device-map.out 'repr(d[\"layers\"][-1][\"top\"][0][\"token\"])'" -- \
  "${SPF[@]}" inspect "$M" --prompt "def add(a, b):" --device-map auto --json
check freeze-plan-device-map "json $WORK/freeze-plan-device-map.out '\"cut\", d[\"cut\"]'" -- \
  "${SPF[@]}" freeze-plan "$M" --data "$WORK/data" --samples 256 --device-map auto --json
check repair-star-device-map "json $WORK/repair-dm/report.json '\"fixed\", d[\"fixed\"], \"of\", d[\"cases\"]'" -- \
  "${SPF[@]}" repair "$M" --cases "$WORK/cases.jsonl" --method star --out "$WORK/repair-dm" \
  --device-map auto --json --quiet

echo "$FAILED check(s) failed; work folder $WORK"
[ -n "${KEEP:-}" ] || rm -rf "$WORK"
exit "$FAILED"
