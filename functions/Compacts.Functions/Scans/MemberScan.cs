using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Scans;

public sealed record MemberScan(string UnitId, int Versions, ScanResponse Latest);
