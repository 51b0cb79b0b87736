using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Scans;

public sealed record UnitScansResponse(string CompactId, string UnitId, IReadOnlyList<ScanResponse> Versions);
