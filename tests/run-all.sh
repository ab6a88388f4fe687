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

# counts one meson test log into passed/failed/skipped
count_log() {
	local json=$1 p f s
	if [ ! -f "$json" ]; then
		failed=$((failed + 1))
		return
	fi
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
}

meson test -C build --print-errorlogs --num-processes 2
count_log build/meson-logs/testlog.json

# the whole suite again under AddressSanitizer and UBSan
if [ "${ERRGEN_SKIP_SANITIZERS:-}" != 1 ]; then
	[ -f build-asan/build.ninja ] ||
		meson setup build-asan -Db_sanitize=address,undefined >/dev/null
	step "build with -fsanitize=address,undefined" meson compile -C build-asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
		meson test -C build-asan --print-errorlogs --num-processes 2
	count_log build-asan/meson-logs/testlog.json
fi

# a short fuzzing run (tests/fuzz/run-fuzz.sh SECONDS runs longer)
if command -v clang >/dev/null && [ "${ERRGEN_SKIP_FUZZ:-}" != 1 ]; then
	step "libFuzzer, ${ERRGEN_FUZZ_SECONDS:-60} s" \
		tests/fuzz/run-fuzz.sh "${ERRGEN_FUZZ_SECONDS:-60}"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
