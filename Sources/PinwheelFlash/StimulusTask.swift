import Pinwheel
import PinwheelProgram
import PinwheelGPIO
import PinwheelSimulation

/// Plays the run's stimulus on the board's inputs as a task, logging each step as it happens. It is the run's only
/// player: the stimulus file's steps and interactive mode's key presses (``play(_:at:)``) go through it alike.
final class StimulusTask {
    let name = "stimulus"
    private(set) var player: StimulusPlayer
    let log: ProgramLog
    let afterStep: (Instant) -> Void
    /// Long stimuli (pulse trains) and interactive runs (the keys log what they press) log their steps at debug
    /// level, shown with --trace, so the program's log stays readable.
    let stepLevel: ProgramLog.Level
    static let quietAbove = 40
    /// Whether it waits for more after its last step (interactive mode) rather than finishing.
    let staysOpen: Bool
    /// Rung when steps are added.
    private let waiter = WakerCell()

    /// Plays `stimulus` with `drive` (logical line name, level, time); `afterStep` runs after each batch of steps.
    init(
        _ stimulus: Stimulus, staysOpen: Bool = false, log: ProgramLog, drive: @escaping StimulusPlayer.Drive,
        afterStep: @escaping (Instant) -> Void
    ) {
        self.log = log
        self.afterStep = afterStep
        self.staysOpen = staysOpen
        stepLevel = staysOpen || stimulus.steps.count > Self.quietAbove ? .debug : .info
        player = StimulusPlayer(stimulus, drive: drive)
    }

    /// Adds `more`'s steps from `instant` and wakes the task to play those due.
    func play(_ more: Stimulus, at instant: Instant) {
        player.play(more, at: instant)
        waiter.wake()
    }

    func poll(_ context: Context) -> Poll<Void> {
        if staysOpen { waiter.register(context.waker) }
        let before = player.driven
        var result = player.poll(context)
        while case .ready(let failure?) = result {
            log.log(.error, name, "could not drive a line: \(failure)")
            result = player.poll(context)  // the steps after the one that failed
        }
        // By index: iterating a slice went through an unspecialised read accessor that allocated per step.
        for index in before..<player.driven {
            switch player.stimulus.steps[index].action {
            case .drive(let line, let high): log.log(stepLevel, name, "\(line) \(high ? "high" : "low")")
            case .raise(_, let signal): log.log(stepLevel, name, "kill -\(signal) (to this process)")
            }
        }
        if player.driven > before { afterStep(context.now()) }
        return result.isReady && !staysOpen ? .ready(()) : .pending
    }
}
