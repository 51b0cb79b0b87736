using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Compacts.Domain;

namespace Compacts.Functions.Compacts;

public enum PutOutcome { Created, Replaced, PreconditionFailed, TooLarge }
