using System.Diagnostics;
using System.Text.Json;

namespace Compacts.DevHost;

/// <summary>
/// Where a process's start-up time goes, for the benchmark's cold-start comparison (never deployed: the development host
/// and the benchmark's HTTP floor use it). Marks the entry of <c>Main</c>, the built host (configuration and DI), the
/// listening server, and the first request's start and end, with the time the first request and everything before it spent
/// in storage calls (the Azure SDK's <c>Azure.Core.Http</c> spans, so the connection and table creation are in it).
/// When enabled (<c>DevHost:StartupTimeline</c>), writes the marks as one line on standard output after the first
/// answer: <c>startup-timeline {json}</c>, instants in UTC (the same clock the benchmark reads before it starts the process).
/// </summary>
public sealed class StartupTimeline : IDisposable
{
    public const string SettingName = "DevHost:StartupTimeline";

    private const string Prefix = "startup-timeline ";

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _main;
    private readonly Lock _gate = new();
    private DateTimeOffset _built;
    private DateTimeOffset _listening;
    private ActivityListener? _listener;
    private int _firstRequest;
    private double _storageBeforeMs;
    private int _storageBeforeCalls;
    private double _storageMs;
    private int _storageCalls;
    private bool _inFirstRequest;

    /// <summary>Marks the entry of <c>Main</c>: construct it first thing.</summary>
    public StartupTimeline(TimeProvider time)
    {
        _time = time;
        _main = time.GetUtcNow();
    }

    public bool Enabled => _listener is not null;

    /// <summary>Starts listening to the SDK's storage spans; until then the marks are kept but nothing is written.</summary>
    public void Enable()
    {
        _listener ??= new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Azure.Core.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The host is built: configuration read, services registered, the pipeline composed.</summary>
    public void Built() => _built = _time.GetUtcNow();

    /// <summary>The server listens (hosted services started, options validated).</summary>
    public void Listening() => _listening = _time.GetUtcNow();

    /// <summary>Middleware, first in the pipeline: times the first request and writes the line after it.</summary>
    public async Task FirstRequestAsync(Microsoft.AspNetCore.Http.HttpContext context, Func<Task> next)
    {
        if (!Enabled || Interlocked.Exchange(ref _firstRequest, 1) == 1)
        {
            await next();
            return;
        }

        var start = _time.GetUtcNow();
        lock (_gate)
        {
            _inFirstRequest = true;
        }

        try
        {
            await next();
        }
        finally
        {
            var end = _time.GetUtcNow();
            lock (_gate)
            {
                _inFirstRequest = false;
            }

            Write(context.Request.Path.Value ?? "", start, end);
        }
    }

    public void Dispose() => _listener?.Dispose();

    /// <summary>Reads the line a process wrote; null for any other line.</summary>
    public static Marks? Parse(string? line) =>
        line is not null && line.StartsWith(Prefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<Marks>(line[Prefix.Length..]) : null;

    private void Stopped(Activity activity)
    {
        lock (_gate)
        {
            if (_inFirstRequest)
            {
                _storageMs += activity.Duration.TotalMilliseconds;
                _storageCalls++;
            }
            else if (Volatile.Read(ref _firstRequest) == 0)
            {
                _storageBeforeMs += activity.Duration.TotalMilliseconds;
                _storageBeforeCalls++;
            }
        }
    }

    private void Write(string path, DateTimeOffset start, DateTimeOffset end)
    {
        Marks marks;
        lock (_gate)
        {
            marks = new Marks(path, _main, _built, _listening, start, end, _storageBeforeMs, _storageBeforeCalls, _storageMs, _storageCalls);
        }

        Console.Out.WriteLine(Prefix + JsonSerializer.Serialize(marks));
        Console.Out.Flush();
        _listener?.Dispose();
    }

    /// <summary>The marks of one start (instants in UTC; storage: the SDK's HTTP spans, summed).</summary>
    public sealed record Marks(
        string Path, DateTimeOffset Main, DateTimeOffset Built, DateTimeOffset Listening, DateTimeOffset RequestStart, DateTimeOffset RequestEnd,
        double StorageBeforeMs, int StorageBeforeCalls, double StorageMs, int StorageCalls);
}
