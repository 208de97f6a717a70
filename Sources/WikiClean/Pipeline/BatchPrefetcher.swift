#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A batch of reader items, with the reader's progress after it.
struct ReaderBatch: Sendable {
    var items: [ReaderItem]
    var bytes: Int
    var progress: (done: Int, total: Int?)
    /// The reader reached the end of the input with this batch.
    var isLast: Bool

    /// Reads up to `byteLimit` bytes of pages (or 4096 items) from `reader`.
    static func read(from reader: inout any DocumentReader, byteLimit: Int) throws(InputError) -> ReaderBatch {
        var items: [ReaderItem] = []
        // Room for the pages of a batch of the benchmark dump (some 160 a MiB): grown from
        // empty, the array was copied eight times a batch.
        items.reserveCapacity(256)
        var size = 0
        var last = false
        while size < byteLimit && items.count < 4096 {
            guard let item = try reader.next() else { last = true; break }
            if case .page(let d) = item {
                // Each block read in place (`reduce` copied it: its strings retained, released).
                d.blocks.withUnsafeBufferPointer { blocks in
                    for k in blocks.indices { size += blocks[k].text.utf8.count }
                }
                size += 64
            }
            items.append(item)
        }
        return ReaderBatch(items: items, bytes: size, progress: reader.progress, isLast: last)
    }
}

/// Reads batches ahead on a thread of its own, so that the workers cleaning one batch never
/// wait for the next to be read. At most `depth` batches wait in the queue (memory stays
/// bounded). The reader is handed back once the thread has finished (``finish()``).
final class BatchPrefetcher: @unchecked Sendable {
    private var reader: any DocumentReader
    private let byteLimit: Int
    private let depth: Int
    private var queue: [Result<ReaderBatch, InputError>] = []
    private var stopped = false
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    private var thread: pthread_t?

    init(reader: any DocumentReader, byteLimit: Int, depth: Int = 2) {
        self.reader = reader
        self.byteLimit = byteLimit
        self.depth = max(1, depth)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// Starts the reading thread. Without one (none could be made), ``next()`` reads on the
    /// caller's thread.
    func start() {
        thread = startThread { [self] in produce() }
    }

    private func produce() {
        while true {
            let batch: Result<ReaderBatch, InputError>
            do throws(InputError) {
                batch = .success(try ReaderBatch.read(from: &reader, byteLimit: byteLimit))
            } catch {
                batch = .failure(error)
            }
            pthread_mutex_lock(&mutex)
            while queue.count >= depth && !stopped { pthread_cond_wait(&changed, &mutex) }
            if stopped {
                pthread_mutex_unlock(&mutex)
                return
            }
            queue.append(batch)
            pthread_cond_broadcast(&changed)
            pthread_mutex_unlock(&mutex)
            switch batch {
            case .failure: return
            case .success(let b) where b.isLast: return
            default: continue
            }
        }
    }

    /// The next batch in input order (waits for the reading thread).
    func next() throws(InputError) -> ReaderBatch {
        if thread == nil { return try ReaderBatch.read(from: &reader, byteLimit: byteLimit) }
        pthread_mutex_lock(&mutex)
        while queue.isEmpty { pthread_cond_wait(&changed, &mutex) }
        // The queue holds at most `depth` batches: taking from the front is cheap, and a
        // batch taken is no longer held here.
        let batch = queue.removeFirst()
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
        return try batch.get()
    }

    /// Stops the reading thread (if it is still reading) and waits for it; returns the reader.
    func finish() -> any DocumentReader {
        if let t = thread {
            pthread_mutex_lock(&mutex)
            stopped = true
            pthread_cond_broadcast(&changed)
            pthread_mutex_unlock(&mutex)
            pthread_join(t, nil)
            thread = nil
        }
        return reader
    }
}

/// Starts a POSIX thread running `body`; nil when none could be made.
func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
    final class Box: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    #if canImport(Darwin)
        var tid: pthread_t?
    #else
        var tid = pthread_t()
    #endif
    let rc = pthread_create(&tid, nil, { arg in
        Unmanaged<Box>.fromOpaque(arg!).takeRetainedValue().body()
        return nil
    }, box)
    guard rc == 0 else {
        Unmanaged<Box>.fromOpaque(box).release()
        return nil
    }
    return tid
}
