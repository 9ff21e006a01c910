import Pinwheel
import PinwheelDemos
import PinwheelProgram
import PinwheelGPIO
import PinwheelSimulation

/// Plays a stimulus on the board's inputs as a task, logging each step as it happens.
final class StimulusTask {
    let name = "stimulus"
    let stimulus: Stimulus
    var player: StimulusPlayer
    let log: ProgramLog
    let afterStep: (Instant) -> Void
    /// Long stimuli (pulse trains) log their steps at debug level, shown with --trace, so the demo's log stays
    /// readable.
    let stepLevel: ProgramLog.Level
    static let quietAbove = 40

    /// Plays `stimulus` with `drive` (logical line name, level, time); `afterStep` runs after each batch of steps.
    init(
        _ stimulus: Stimulus, log: ProgramLog, drive: @escaping StimulusPlayer.Drive,
        afterStep: @escaping (Instant) -> Void
    ) {
        self.stimulus = stimulus
        self.log = log
        self.afterStep = afterStep
        stepLevel = stimulus.steps.count > Self.quietAbove ? .debug : .info
        player = StimulusPlayer(stimulus, drive: drive)
    }

    func poll(_ context: Context) -> Poll<Void> {
        let before = player.driven
        let result = player.poll(context)
        // By index: iterating a slice went through an unspecialised read accessor that allocated per step.
        for index in before..<player.driven {
            switch stimulus.steps[index].action {
            case .drive(let line, let high): log.log(stepLevel, name, "\(line) \(high ? "high" : "low")")
            case .raise(_, let signal): log.log(stepLevel, name, "kill -\(signal) (to this process)")
            }
        }
        if player.driven > before { afterStep(context.now()) }
        guard case .ready(let failure) = result else { return .pending }
        if let failure {
            log.log(.error, name, "could not drive a line: \(failure)")
        }
        return .ready(())
    }
}
