/// The most recent `capacity` elements appended, oldest first, in fixed storage: a long run keeps its memory flat,
/// and what it forgot is counted (``forgotten``), never silently lost.
struct RecentHistory<Element> {
    private var storage: [Element] = []
    private var next = 0
    /// How many elements it keeps.
    let capacity: Int
    /// How many elements were pushed out by newer ones.
    private(set) var forgotten = 0

    /// An empty history keeping at most `capacity` (at least 1) elements.
    init(capacity: Int) {
        precondition(capacity > 0, "a history keeps at least one element")
        self.capacity = capacity
        storage.reserveCapacity(capacity)
    }

    /// Appends `element`, forgetting the oldest when full.
    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
            return
        }
        storage[next] = element
        next = next + 1 == capacity ? 0 : next + 1
        forgotten += 1
    }

    /// The elements kept, oldest first.
    var elements: [Element] { Array(storage[next...] + storage[..<next]) }
}
