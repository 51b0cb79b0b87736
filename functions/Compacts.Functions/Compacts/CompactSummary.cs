using Compacts.Domain;
using Compacts.Functions.Auth;
using Compacts.Functions.Http;
using Compacts.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Compacts.Functions.Compacts;

public sealed record CompactSummary(string CompactId, string Title, string Cluster, int Year, IReadOnlyList<Member> Members);
