using System.Net.Sockets;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a storage endpoint. <see cref="Cut"/> makes storage unreachable as a stopped Azurite
/// is (open connections are reset, new ones refused with a reset) without touching Azurite's data; <see cref="Restore"/>
/// brings it back. <see cref="LoseBatchReplies"/> lets entity-group transactions reach storage and be committed, then drops
/// the reply (the connection is reset instead), as a network failure after the commit does: the SDK sees an I/O error and
/// resends the transaction, which storage then refuses as a conflict with itself.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _down;
    private int _loseEvery;
    private Func<string, bool> _lose = _ => false;
    private int _matched;
    private int _refuseFrom;
    private int _refusedMatched;
    private Func<string, bool> _refuse = _ => false;
    private int _lost;

    public FaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The test Azurite's ports by service ("Blob", "Queue", "Table").</summary>
    public static Dictionary<string, int> StoragePorts()
    {
        var ports = System.Text.RegularExpressions.Regex.Matches(Infrastructure.TestApp.StorageConnection, @"(Table|Blob|Queue)Endpoint=http://127\.0\.0\.1:(\d+)")
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        return ports.Count < 3 ? new() { ["Blob"] = 10000, ["Queue"] = 10001, ["Table"] = 10002 } : ports; // UseDevelopmentStorage=true
    }

    /// <summary>A connection string to the test Azurite through the given ports.</summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort)
    {
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        return $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public void Cut()
    {
        _down = true;
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    public void Restore() => _down = false;

    /// <summary>From now on, the reply to every <paramref name="every"/>-th <c>$batch</c> request is lost after storage answered it (0: none).</summary>
    public void LoseBatchReplies(int every) => LoseReplies(every, line => line.Contains("/$batch HTTP/1.1", StringComparison.Ordinal));

    /// <summary>From now on, the reply to every <paramref name="every"/>-th request whose request line matches is lost after storage answered it.</summary>
    public void LoseReplies(int every, Func<string, bool> requestLine)
    {
        _lose = requestLine;
        Volatile.Write(ref _loseEvery, every);
    }

    /// <summary>
    /// From now on, every request whose request line matches, from the <paramref name="from"/>-th on, never reaches storage (the
    /// connection is reset before it is forwarded: nothing of it is committed) until called with 0. Counting starts at this call.
    /// </summary>
    public void RefuseRequests(int from, Func<string, bool> requestLine)
    {
        _refuse = requestLine;
        Volatile.Write(ref _refusedMatched, 0);
        Volatile.Write(ref _refuseFrom, from);
    }

    /// <summary>How many replies were dropped so far.</summary>
    public int LostReplies => Volatile.Read(ref _lost);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_down)
            {
                Reset(client);
                continue;
            }

            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            var connection = new Connection();
            await Task.WhenAny(CopyAsync(client, server, chunk => OnRequest(connection, chunk)), CopyAsync(server, client, _ => OnReply(connection)));
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    /// <summary>Per connection: whether the request in flight is a transaction whose reply is to be lost.</summary>
    private sealed class Connection
    {
        public volatile bool LoseReply;
    }

    /// <summary>True to forward the chunk, false to drop the connection instead.</summary>
    private bool OnRequest(Connection connection, byte[] chunk)
    {
        if (Volatile.Read(ref _refuseFrom) is > 0 and var from && RequestLine(chunk) is { } refused && _refuse(refused)
            && Interlocked.Increment(ref _refusedMatched) >= from)
        {
            return false;
        }

        if (Volatile.Read(ref _loseEvery) is > 0 and var every && RequestLine(chunk) is { } line && _lose(line))
        {
            connection.LoseReply = Interlocked.Increment(ref _matched) % every == 0;
        }

        return true;
    }

    /// <summary>The request line if the chunk starts a request (an HTTP client writes the head of a request in one piece).</summary>
    private static string? RequestLine(byte[] chunk)
    {
        var end = Array.IndexOf(chunk, (byte)'\r');
        var line = end > 0 ? System.Text.Encoding.ASCII.GetString(chunk, 0, end) : "";
        return line.EndsWith(" HTTP/1.1", StringComparison.Ordinal) ? line : null;
    }

    private bool OnReply(Connection connection)
    {
        if (!connection.LoseReply)
        {
            return true;
        }

        Interlocked.Increment(ref _lost); // storage has answered, so it has committed (or refused) the transaction
        return false;
    }

    private static async Task CopyAsync(Socket from, Socket to, Func<byte[], bool> forward)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                if (!forward(buffer[..read]))
                {
                    Reset(to);
                    Reset(from);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Cut();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
