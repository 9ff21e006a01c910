import Pinwheel
import PinwheelTestSupport

typealias SmallExecutor = Executor<TaskPool<ClosureTask, 8>, 1, 8>
