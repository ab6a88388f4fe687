#!/usr/bin/env bash
# The whole test suite: builds errgen with gcc (build/) and with clang
# (build-clang/), both with werror, runs `meson test` in the gcc build, and
# ends with one line "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."

passed=0 failed=0 skipped=0
step() { # name, command...: one pass/fail item outside meson test
	local name=$1; shift
	if "$@" >"/tmp/errgen-step-$$.log" 2>&1; then
		passed=$((passed + 1)); echo "ok   $name"
	else
		failed=$((failed + 1)); echo "FAIL $name"; tail -n 40 "/tmp/errgen-step-$$.log"
	fi
	rm -f "/tmp/errgen-step-$$.log"
}

[ -f build/build.ninja ] || meson setup build >/dev/null || exit 1
step "build with $(cc --version | head -n 1)" meson compile -C build
if command -v clang >/dev/null; then
	[ -f build-clang/build.ninja ] ||
		CC=clang meson setup build-clang -Dtests=false >/dev/null
	step "build with $(clang --version | head -n 1)" meson compile -C build-clang
fi

meson test -C build --print-errorlogs --num-processes 2
rc=$?
json=build/meson-logs/testlog.json
if [ -f "$json" ]; then
	read -r p f s < <(python3 - "$json" <<'PY'
import json, sys
p = f = s = 0
for line in open(sys.argv[1]):
    r = json.loads(line)['result']
    if r in ('OK', 'EXPECTEDFAIL'):
        p += 1
    elif r == 'SKIP':
        s += 1
    else:
        f += 1
print(p, f, s)
PY
)
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
elif [ $rc -ne 0 ]; then
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ $rc -eq 0 ]
