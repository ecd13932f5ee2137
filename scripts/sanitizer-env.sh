#!/usr/bin/env bash
# Run-time options for a sanitized build, for scripts/test and scripts/soak (sourced, not run).
#   source scripts/sanitizer-env.sh asan|tsan REPORT_DIR
# Every report from every process (the tests, and the kiosk and tools they start) is written to
# REPORT_DIR/<sanitizer>.<pid> rather than to a stderr a test may throw away; the caller fails
# the run if that folder is not empty afterwards. Suppressions in tests/sanitizers/ name only
# third-party libraries.
sanitizer_mode=$1
sanitizer_reports=$2
sanitizer_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$sanitizer_reports"
case "$sanitizer_mode" in
    asan)
        export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:log_path=$sanitizer_reports/asan"
        export LSAN_OPTIONS="suppressions=$sanitizer_root/tests/sanitizers/lsan.supp:print_suppressions=0"
        export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$sanitizer_reports/ubsan"
        ;;
    tsan)
        # Not halting: one run shows every race, and a process with a report exits with 66.
        export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:history_size=4:suppressions=$sanitizer_root/tests/sanitizers/tsan.supp:log_path=$sanitizer_reports/tsan"
        ;;
    *)
        echo "sanitizer-env.sh: say asan or tsan" >&2
        return 2
        ;;
esac

# Prints every report in the folder and fails if there is one.
sanitizer_check_reports() {
    local found=0
    for report in "$sanitizer_reports"/*; do
        [ -e "$report" ] || continue
        found=$((found + 1))
        echo "=== sanitizer report $report"
        cat "$report"
    done
    if [ "$found" -gt 0 ]; then
        echo "error: $found sanitizer report(s) in $sanitizer_reports" >&2
        return 1
    fi
    echo "no sanitizer reports"
}
