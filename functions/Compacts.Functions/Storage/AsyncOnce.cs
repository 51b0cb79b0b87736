namespace Compacts.Functions.Storage;

/// <summary>
/// Runs an async initialisation once and shares its result, but forgets a failure, so that a first use during a storage
/// outage does not break every later one (what <c>Lazy&lt;Task&gt;</c> would do).
/// </summary>
public sealed class AsyncOnce<T>(Func<Task<T>> create)
{
    private readonly Lock _gate = new();
    private Task<T>? _task;

    public Task<T> Value
    {
        get
        {
            lock (_gate)
            {
                if (_task is null || _task.IsFaulted || _task.IsCanceled)
                {
                    _task = create();
                }

                return _task;
            }
        }
    }
}
