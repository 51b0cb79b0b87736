using System.Net;
using System.Net.Sockets;

namespace Compacts.Bench;

/// <summary>A server the bench runs as its own process (the development host, the HTTP floor).</summary>
internal static class ServerProcess
{
    /// <summary>
    /// Starts a server process (`dotnet` with the given arguments, on a free loopback port) and waits until it answers; it
    /// is stopped in the caller's finally, or on this process's exit (SIGTERM or Ctrl+C too).
    /// </summary>
    public static async Task<(Process Process, string Address)> StartAsync(List<Process> children, Func<int, string[]> arguments, Dictionary<string, string> environment)
    {
        var port = FreePort();
        var child = Launch(arguments(port), environment, _ => { });
        children.Add(child);
        var address = $"http://127.0.0.1:{port}";
        using var probe = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                (await probe.GetAsync($"{address}/api/no-such-route")).Dispose();
                return (child, address);
            }
            catch (HttpRequestException) when (attempt < 100 && !child.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>A loopback port free at the moment.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Starts `dotnet` with <paramref name="arguments"/> and <paramref name="environment"/>, each line of its standard output
    /// to <paramref name="output"/>; killed on this process's exit. COMPACTS_BENCH_HOST_ENV ("NAME=value;…") adds runtime
    /// settings to it, for experiments.
    /// </summary>
    public static Process Launch(string[] arguments, Dictionary<string, string> environment, Action<string?> output)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        foreach (var setting in (Environment.GetEnvironmentVariable("COMPACTS_BENCH_HOST_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (setting[..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            start.Environment[name] = value;
        }

        var child = Process.Start(start)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                child.Kill(entireProcessTree: true); // nothing when it has exited
            }
            catch (InvalidOperationException)
            {
                // disposed by its owner after it stopped
            }
        };
        child.OutputDataReceived += (_, e) => output(e.Data);
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }
}
