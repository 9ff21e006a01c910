import Pinwheel

/// The wake walkthrough as firmware: one real interrupt's path from a device to the task that awaits it, told by
/// the code on the path as it runs.
///
/// Poll 1 starts the board's device timer (a peripheral apart from the time base, playing the button) and awaits
/// its interrupt: the future registers the task's waker in the timer's `WakerCell`, and the task is pending. With
/// no ready bit set, the core masks interrupts, checks again, and executes `wfi`. The timer reaches zero: the
/// interrupt controller enters the timer's handler through the vector table; the handler silences the timer and
/// calls `WakerCell.wake`, which sets the task's bit in the ready word (one atomic fetch-or). The pending
/// interrupt had ended `wfi`; the core takes the bit and polls the task: poll 2 finds the interrupt has fired.
///
/// `pinwheel flash wake --board qemu-…` counts the instructions on that path from QEMU's execution trace.
struct Walkthrough: Future {
    let origin: Instant
    var fired = DeviceTimer.fired()
    var polls: UInt32 = 0

    mutating func poll(_ context: Context) -> Poll<Void> {
        polls &+= 1
        // 50 ms as programmed; QEMU 7.2's mps2-an386 clocks this timer at half the rate the driver assumes, so it
        // fires 100 ms in. The walkthrough is about the path, not the time.
        if polls == 1 { DeviceTimer.start(afterMilliseconds: 50) }
        let ready = fired.poll(context).isReady
        Log.record(at: context.now() - origin, task: "wake")
        Log.write("poll ")
        Log.write(polls)
        Log.write(" of slot ")
        Log.write(UInt32(truncatingIfNeeded: context.waker.slot))
        if ready {
            Log.write(": woken by the timer's interrupt, which set bit ")
            Log.write(UInt32(truncatingIfNeeded: context.waker.slot))
            Log.write(" of the ready word: ready")
        } else {
            Log.write(": started the device timer; the task's waker is in the timer's WakerCell: pending")
        }
        Log.endLine()
        return ready ? .ready(()) : .pending
    }
}
