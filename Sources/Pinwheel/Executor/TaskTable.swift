/// The executor's static table of tasks: a fixed number of slots, each holding a task inline or nothing.
///
/// ``TaskPool`` is the table for tasks of one type; a program with several kinds of task makes its task type an
/// enum over them (the poll is a `switch`, resolved at compile time). The slot index is the task's identity: it
/// is its bit in the ready bitmap and the `slot` in its ``Waker``.
public protocol TaskTable: ~Copyable {
    /// The type of the tasks stored.
    associatedtype Task: Future

    /// The number of slots.
    static var capacity: Int { get }

    /// An empty table.
    init()

    /// Stores `task` in a free slot and returns the slot, or throws ``SpawnError/poolFull(capacity:)``.
    mutating func insert(_ task: Task) throws(SpawnError) -> Int

    /// How many slots hold a task: the one count of live tasks (the executor reads it, and keeps no count of its own).
    var count: Int { get }

    /// Whether `slot` holds a task.
    func isOccupied(_ slot: Int) -> Bool

    /// Polls the task in `slot`, which holds one (the executor masks wakes of empty slots with its occupancy
    /// bitmap, the table's slots in the ready set's shape, and never polls an empty slot). Returns true if the
    /// task finished; its slot is then free.
    mutating func poll(slot: Int, context: Context) -> Bool
}
