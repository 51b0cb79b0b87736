using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Scans;

public sealed record CompactScansResponse(string CompactId, IReadOnlyList<MemberScan> Scanned, IReadOnlyList<string> Missing);
