using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Compacts.Bench;

/// <summary>
/// A TCP proxy on 127.0.0.1 that delivers every chunk <see cref="OneWay"/> after it arrived, in each direction: storage that
/// is a network distance away, for the app and the floor alike. Chunks are scheduled, not delayed one after another, so a
/// request written in two parts still arrives one delay later.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public LatencyProxy(IPEndPoint upstream, TimeSpan oneWay)
    {
        _upstream = upstream;
        OneWay = oneWay;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public TimeSpan OneWay { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            client.NoDelay = upstream.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(_upstream, _stop.Token);
                await Task.WhenAny(Pump(client.GetStream(), upstream.GetStream()), Pump(upstream.GetStream(), client.GetStream()));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // a closed connection ends its relay
            }
        }
    }

    private async Task Pump(NetworkStream from, NetworkStream to)
    {
        var chunks = Channel.CreateUnbounded<(byte[] Bytes, long Due)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = Task.Run(async () =>
        {
            await foreach (var (bytes, due) in chunks.Reader.ReadAllAsync(_stop.Token))
            {
                var wait = Stopwatch.GetElapsedTime(0, due) - Stopwatch.GetElapsedTime(0, Stopwatch.GetTimestamp());
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _stop.Token); // whole milliseconds, never 0
                }

                await to.WriteAsync(bytes, _stop.Token);
            }
        });
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            var due = Stopwatch.GetTimestamp() + (long)(OneWay.TotalSeconds * Stopwatch.Frequency);
            await chunks.Writer.WriteAsync((buffer[..read], due), _stop.Token);
        }

        chunks.Writer.Complete();
        await writing;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
