/// The bytes an instance of `type` is requested with: its header and stored properties, as the runtime lays it out.
/// The same on every run, unlike what malloc hands back for it (`malloc_usable_size`), which depends on the
/// allocator's history: a deterministic run's memory map prints this.
public func instanceSize(of type: AnyClass) -> Int { classInstancePositiveExtentSize(type) }

// The standard library's `_class_getInstancePositiveExtentSize(_:)`: exported by libswiftCore under this name, but
// not visible to other modules.
@_silgen_name("$ss36_class_getInstancePositiveExtentSizeySiyXlXpF")
private func classInstancePositiveExtentSize(_ type: AnyClass) -> Int
