import Pinwheel

/// The executor's counters, read where the table lives. (A demo keeps its executor in a static `Optional`, where the
/// memory map finds it; the executor is `~Copyable`, so it is borrowed to be read, not copied out.)
func statistics<Tasks: TaskTable & ~Copyable, let readyWords: Int, let timerCapacity: Int>(
    of table: borrowing Executor<Tasks, readyWords, timerCapacity>?
) -> ExecutorStats {
    switch table {
    case .some(let executor): executor.stats
    case .none: ExecutorStats()
    }
}
