/// The bytes a render writes, grown by doubling and written with `memcpy`.
/// A page is a few hundred writes of a few bytes each; `Array.append(contentsOf:)`
/// checked uniqueness and capacity generically on each and cost a tenth of a
/// rendered page (Benchmarks/README.md §1).
///
/// It writes into the uninitialised storage of the array that becomes the
/// result, so a page is not copied once more at the end; only a render that
/// outgrows that storage moves to a buffer of its own and is copied back.
struct MustacheOutput: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// False while writing into the caller's storage, which the caller frees.
    private var ownsBase = false

    /// Starts with `prefix` (the bytes a caller rendered before) in `storage`.
    init(prefix: [UInt8], storage: UnsafeMutableBufferPointer<UInt8>) {
        base = storage.baseAddress!
        capacity = storage.count
        prefix.withUnsafeBufferPointer { write($0) }
    }

    deinit { if ownsBase { base.deallocate() } }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base + count).update(from: start, count: bytes.count)
        count += bytes.count
    }

    mutating func write(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Makes room for `extra` more bytes, for a writer that stores through `tail`.
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    /// Where the next byte goes; valid up to the room `reserve` made.
    var tail: UnsafeMutablePointer<UInt8> { base + count }

    /// Counts `written` bytes stored through `tail`.
    mutating func advance(by written: Int) {
        count += written
    }

    private mutating func grow(to needed: Int) {
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(needed, capacity * 2))
        grown.initialize(from: base, count: count)
        if ownsBase { base.deallocate() }
        base = grown
        ownsBase = true
        capacity = max(needed, capacity * 2)
    }

    enum Written {
        /// All `count` bytes are in the storage the output started with.
        case inStorage(count: Int)
        /// The output outgrew that storage; here are its bytes.
        case moved([UInt8])
    }

    consuming func finish() -> Written {
        ownsBase ? .moved(Array(UnsafeBufferPointer(start: base, count: count))) : .inStorage(count: count)
    }
}
