namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline, polling it; returns as soon as it holds. Never a fixed sleep.</summary>
public static class Wait
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30); // generous: a loaded machine is slow, a passing test is not

    /// <summary>Polls <paramref name="condition"/> until it holds; fails, naming <paramref name="what"/>, when the deadline passes first.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > Deadline)
            {
                Assert.Fail($"waited {Deadline.TotalSeconds:0} s for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, string)"/>
    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);
}
