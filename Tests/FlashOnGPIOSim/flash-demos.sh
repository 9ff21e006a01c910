#!/bin/sh
# Flashes every demo onto the gpio-sim board inside the test VM (Scripts/gpio-sim-vm; busybox sh), in real time,
# with the golden tests' stimulus files driven through gpio-sim's sysfs pulls, and checks each run's log.
#
#   flash-demos.sh PINWHEEL BOARDS_DIR STIMULUS_DIR
#
# Prints one ✔/✘ line per demo and, last, "N passed, N failed". Exit status: 0 when all passed.
pinwheel=$1 boards=$2 stimuli=$3
passed=0 failed=0

pass() { echo "✔ $1"; passed=$((passed + 1)); }
# A failed check, with the log that shows why (if any).
fail() {
    echo "✘ $1"
    [ -z "${2:-}" ] || sed 's/^/    /' "$2"
    failed=$((failed + 1))
}

# demo, duration ("" = the demo ends by itself), then the lines its log must contain.
check() {
    demo=$1 duration=$2
    shift 2
    log=/tmp/flash-$demo.log
    if [ -n "$duration" ]; then
        "$pinwheel" flash "$demo" --board gpio-sim --boards "$boards" --stimulus "$stimuli/$demo.stim" \
            --duration "$duration" >"$log" 2>&1
    else
        "$pinwheel" flash "$demo" --board gpio-sim --boards "$boards" --stimulus "$stimuli/$demo.stim" >"$log" 2>&1
    fi
    status=$?
    missing=""
    [ $status -eq 0 ] || missing="exit status $status"
    for expected in "$@" "released"; do
        grep -qF -- "$expected" "$log" || missing="${missing:+$missing; }no \"$expected\""
    done
    if [ -z "$missing" ]; then pass "flash $demo on gpio-sim"; else fail "flash $demo on gpio-sim: $missing" "$log"; fi
}

check blinky 1200ms "time: real" "LED on  (toggle 1)" "LED off (toggle 2)" "IRQ 0: timer"
check button 1200ms "IRQ 2: BUTTON" "BUTTON pressed  → LED on" "BUTTON released → LED off" "BUTTON: 8 edges received, 0 dropped"
check debounce 1300ms "press #1: SWITCH settled high" "press #2: SWITCH settled high" "2 press(es) counted"
check traffic 7500ms "crossing requested" "amber" "red: walk" "red+amber" "1 crossing(s) completed"
check morse "" "P  .--." "message sent: PINWHEEL" "the program ended"
check pwm 1s "duty 0 %" "duty 40 %" "PWM periods"
# Two of the three kills are 1 ms apart: in real time the kernel may merge them into one delivery (standard
# signals do not queue), so only two deliveries are certain.
check signals 1200ms "SIGUSR1 #1" "SIGUSR1 #2" "delivery(ies) handled"
check wake "" "1 interrupt: the line went high" "3 ready bit: wake() is one atomic fetch-or" "That is the whole path"
check join "" "group poll 2: exactly one child polled" "group poll 3: exactly one child polled" "child 617 finished after 2 presses"
check latency "" "interrupt-to-task latency over 100 edges (real time)" "edges lost 0" "the program ended"

# One debounce run must not count bounces as presses.
if grep -q "press #3" /tmp/flash-debounce.log; then fail "debounce counted a bounce as a press"; fi
# Edges from outside the process: a shell pulls BUTTON (chip offset 1: Scripts/gpio-sim-vm names the lines LED BUTTON
# SWITCH … in offset order) through sysfs while the button demo runs with no
# stimulus of its own. In the waveform, each BUTTON change must carry the kernel's edge timestamp: before the
# button task's wake (sampled after a poll, as it was before GPIOInput.edgeTap, it would come after).
pull=${PINWHEEL_GPIO_SIM_SYSFS:-}/sim_gpio1/pull
if [ -w "$pull" ]; then
    echo pull-down >"$pull"
    log=/tmp/flash-button-external.log
    : >"$log"
    # No fixed window: the run has no duration; each pull waits until the log shows the run saw the step before
    # (polling once a second, as busybox's sleep takes no fractions; at most 30 s a step, so a run that never
    # starts or never sees an edge fails the check instead of holding the VM), then Ctrl-C ends the run.
    "$pinwheel" flash button --board gpio-sim --boards "$boards" --stimulus /dev/null \
        --vcd /tmp/button.vcd >"$log" 2>&1 &
    run=$!
    seen() { tries=0; until grep -qF -- "$1" "$log" || [ $tries -ge 30 ]; do sleep 1; tries=$((tries + 1)); done; grep -qF -- "$1" "$log"; }
    seen "Running button" && echo pull-up >"$pull" && seen "BUTTON pressed" && echo pull-down >"$pull" \
        && seen "BUTTON released"
    kill -INT $run
    wait $run
    status=$?
    # Stopped by Ctrl-C, as asked: 130.
    [ $status -eq 130 ] && status=0
    # Each BUTTON change, then the first button_ready rise at or after it: "edge wake" in nanoseconds.
    order=$(awk '
        $1 == "$var" && $5 == "BUTTON" { button = $4 }
        $1 == "$var" && $5 == "button_ready" { ready = $4 }
        /^#/ { time = substr($1, 2) + 0 }
        /^[01]/ && !dumpvars { code = substr($1, 2); value = substr($1, 1, 1)
            if (code == button) { edge[++edges] = time }
            if (code == ready && value == "1") { for (i = 1; i <= edges; i++) if (!(i in wake)) wake[i] = time } }
        /^\$dumpvars/ { dumpvars = 1 } /^\$end/ { dumpvars = 0 }
        END { for (i = 1; i <= edges; i++) print edge[i], (i in wake ? wake[i] : "none") }' /tmp/button.vcd)
    edges=$(echo "$order" | grep -c .)
    late=$(echo "$order" | awk '$2 == "none" || $1 >= $2' | head -1)
    if [ $status -eq 0 ] && [ "$edges" -eq 2 ] && [ -z "$late" ]; then
        pass "waveform stamps outside edges with the kernel's time, before the wake (edge, wake ns: $(echo $order))"
    else
        fail "waveform of outside edges: exit $status, $edges BUTTON change(s), edge not before its wake: ${late:-no}" "$log"
    fi
else
    fail "no writable $pull for the outside-edge check"
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
