using Compacts.Domain;
using Compacts.Functions.Http;
using Compacts.Functions.Scans;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Compacts.Functions.Scans;

public sealed record UnitScansResponse(string CompactId, string UnitId, IReadOnlyList<ScanResponse> Versions);
