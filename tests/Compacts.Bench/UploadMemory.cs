using System.Net.Http.Headers;
using Azure.Storage.Blobs;

namespace Compacts.Bench;

/// <summary>
/// `--only upload`: the development host's memory while it streams evidence uploads of growing size into Blob Storage. The
/// host is its own process (unless `--in-process-host`), so its resident set is the host's alone; it is sampled every 2 ms
/// while each upload is under way. A streaming upload holds about one 4 MiB block, so the peak above the resident set before
/// the upload stays flat as the file grows; buffering the file would add the file's size.
/// </summary>
internal static class UploadMemory
{
    private const int MiB = 1024 * 1024;
    private const string Unit = "thanh-hoa";

    public static async Task RunAsync(BenchContext bench)
    {
        await using var rig = await PutRig.StartAsync(bench, bench.Connection);
        var host = rig.HostProcess ?? Process.GetCurrentProcess();
        var sizes = new[] { 64 * 1024, 1 * MiB, 5 * MiB, 20 * MiB };
        var rounds = bench.Quick ? 2 : 5;
        foreach (var size in sizes)
        {
            await UploadAsync(rig, host, File(size)); // warm-up: JIT, pools, connections
        }

        Console.WriteLine($"\n## Evidence upload: the host's memory\n\n{rounds} uploads of each size (a new report revision before each, so the revision's 100 MiB stays free), raw `application/pdf` bodies over HTTP to `PUT …/evidence/{{criterionId}}`; the host's resident set (RSS) sampled every 2 ms{(rig.HostProcess is null ? " (in-process host: the load generator's memory is in it too)" : "")}. Peak − before: the median over the uploads.\n");
        Console.WriteLine("| file | RSS before (MiB) | peak during (MiB) | peak − before (MiB) | largest peak − before (MiB) | upload MB/s |\n|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            var file = File(size);
            var results = new List<(long Before, long Peak, double Seconds)>();
            for (var round = 0; round < rounds; round++)
            {
                results.Add(await UploadAsync(rig, host, file));
            }

            var growth = results.Select(r => (r.Peak - r.Before) / (double)MiB).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Size(size)} | {results.Average(r => r.Before) / MiB:0} | {results.Average(r => r.Peak) / MiB:0} | {growth[growth.Length / 2]:0.0} | {growth[^1]:0.0} | {size / 1e6 / results.Average(r => r.Seconds):0} |"));
        }

        await rig.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(rig.EvidenceContainer).DeleteIfExistsAsync();
    }

    private static async Task<(long Before, long Peak, double Seconds)> UploadAsync(PutRig rig, Process host, byte[] file)
    {
        await rig.HttpPut("2024-01", Unit)(0, 0); // a new revision: its own evidence set
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var (before, peak, (response, seconds)) = await Load.WithPeakWorkingSet(host, TimeSpan.FromMilliseconds(2), async () =>
        {
            var clock = Stopwatch.StartNew();
            var answer = await rig.Http.PutAsync($"compacts/cum6-2024/reports/2024-01/{Unit}/evidence/ministry-targets", content);
            return (answer, clock.Elapsed.TotalSeconds);
        });
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        return (before, peak, seconds);
    }

    private static byte[] File(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static string Size(int bytes) => bytes >= MiB ? $"{bytes / MiB} MiB" : $"{bytes / 1024} KiB";
}
