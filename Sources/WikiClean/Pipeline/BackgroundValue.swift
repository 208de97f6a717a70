#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value computed on another thread from the moment this is made, so that the caller goes on
/// with other work; ``value`` waits for it (once; later reads get the same value). Without a
/// thread (none could be made), the value is computed in `init`.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    /// The thread, until it is joined; used under `lock` only.
    private var thread: pthread_t?
    /// Written by the thread before it ends (seen by whoever joined it), or in `init`.
    private var result: Value?

    init(_ make: @escaping @Sendable () -> Value) {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
        thread = startThread { [self] in result = make() }
        if thread == nil { result = make() }
    }

    deinit {
        if let thread { pthread_join(thread, nil) }
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    var value: Value {
        // Held while joining: a second reader waits for the first one's join, then reads.
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let running = thread {
            pthread_join(running, nil)
            thread = nil
        }
        return result!
    }
}
