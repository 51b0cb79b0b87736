using System.Net;
using System.Text.RegularExpressions;

namespace Compacts.Bench;

/// <summary>
/// `--only put`, last: the PUT throughput table again with the storage a network distance away, the table endpoint of
/// the local Azurite behind a latency proxy. Skipped when the storage is not a local Azurite.
/// </summary>
internal static class DistantStorage
{
    public static async Task RunAsync(BenchContext bench, int blockSize)
    {
        var tableEndpoint = Regex.Match(bench.Connection, @"TableEndpoint=http://127\.0\.0\.1:(\d+)/");
        if (!tableEndpoint.Success)
        {
            return;
        }

        await using var proxy = new LatencyProxy(new IPEndPoint(IPAddress.Loopback, int.Parse(tableEndpoint.Groups[1].Value, CultureInfo.InvariantCulture)), TimeSpan.FromMilliseconds(1));
        var distant = bench.Connection.Replace(tableEndpoint.Value, $"TableEndpoint=http://127.0.0.1:{proxy.Port}/", StringComparison.Ordinal);
        await using var rig = await PutRig.StartAsync(bench, distant);
        await PutThroughput.RunAsync(rig, $"The same with the table endpoint behind a latency proxy (each chunk held ≥ {proxy.OneWay.TotalMilliseconds:0} ms each way)", [1, 4, 8], blockSize);
    }
}
