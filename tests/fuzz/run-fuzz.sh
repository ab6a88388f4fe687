#!/usr/bin/env bash
# Fuzzes errgen's loader, checks and emitters with libFuzzer under ASan and
# UBSan. usage: tests/fuzz/run-fuzz.sh [SECONDS] (default 60)
# Needs clang and its runtime (Debian: clang, libclang-rt-14-dev). Builds in
# build-fuzz/, seeds the corpus from every XML under tests/ and data/, keeps
# the corpus in build-fuzz/corpus, and writes crashers to build-fuzz/crashes;
# keep each one as a regression case in tests/fuzz/regressions/.
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-60}
if [ ! -f build-fuzz/build.ninja ]; then
	CC=clang meson setup build-fuzz -Dfuzz=true -Dtests=false \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
meson compile -C build-fuzz fuzz-errgen >/dev/null
mkdir -p build-fuzz/corpus build-fuzz/crashes
# (find's -size -1M would mean empty files: sizes round up to whole MiB;
# many inputs share a name, so each seed is named after its path)
find data tests -name '*.xml' -size -1024k | while IFS= read -r f; do
	cp "$f" "build-fuzz/corpus/seed-$(printf '%s' "$f" | tr / _)"
done
# regressions first: each must run clean
if ls tests/fuzz/regressions/* >/dev/null 2>&1; then
	./build-fuzz/tests/fuzz/fuzz-errgen tests/fuzz/regressions/*
fi
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
rc=0
./build-fuzz/tests/fuzz/fuzz-errgen -max_total_time="$seconds" \
	-max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix=build-fuzz/crashes/ \
	-dict=tests/fuzz/errgen.dict build-fuzz/corpus >build-fuzz/fuzz.log 2>&1 ||
	rc=$?
# the final statistics line (executions, coverage), or the crash report
grep -E 'DONE|ERROR|SUMMARY|Test unit written' build-fuzz/fuzz.log | tail -n 20
exit $rc
